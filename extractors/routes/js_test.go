package routes

import (
	"strings"
	"testing"

	"github.com/tms-dev/tms/extractors"
)

func TestJSExtract(t *testing.T) {
	runCases(t, NewJS(), []extractCase{
		{name: "express", path: "js/express.js", wantLine: 27, want: []string{
			"25 ANY /admin/* express adminRoutes",
			"26 ANY /health express health",
			"23 DELETE /users/:id express users.remove",
			"16 GET / express -",
			"18 GET /users/:id express users.show",
			"21 GET /users/:id/avatar express avatars.show",
			"17 POST /login express auth.login",
			"22 PUT /users/:id/avatar express avatars.update",
		}},
		{name: "express router mounted elsewhere", path: "js/routes.ts", want: []string{
			"6 GET /items express - ?",
			"9 POST /items express createItem ?",
		}},
		{name: "fastify plugin", path: "js/plugin.mjs", want: []string{
			"2 GET /animals fastify - ?",
			"5 POST /animals/:id fastify saveAnimal ?",
			"5 PUT /animals/:id fastify saveAnimal ?",
		}},
		{name: "fastify server", path: "js/server.ts", want: []string{
			"6 DELETE /cache fastify clearCache",
			"5 GET /ping fastify -",
		}},
		{name: "fastify typed routes in plugins", path: "js/payments.ts", want: []string{
			"9 GET /healthz fastify health ?",
			"13 GET /v1/charges fastify listCharges",
			"15 POST /v1/admin/charges/:id/refund fastify refund",
			"12 POST /v1/charge fastify charge",
		}},
		{name: "nestjs", path: "js/users.controller.ts", want: []string{
			"27 GET /health nestjs check",
			"7 GET /users nestjs findAll",
			"12 GET /users/:id nestjs findOne",
			"19 POST /users nestjs create",
			"19 POST /users/bulk nestjs create",
		}},
		{name: "clients and values are not routers", path: "client.js", src: `
import api from './api';
const http = axios.create();
const server = new Hono();
api.get('/users', config);
http.post('/users', body);
server.get('/hono', (c) => c.text('hi'));
this.api.post('/users', user);
app.get('/users', { params: { page: 1 } });
app.get('users', handler);
router.get('/ok', handler);
`, want: []string{"11 GET /ok express handler ?"}},
		{name: "comments strings templates and regexps", path: "tricky.js", src: "" +
			"const app = require('express')();\n" +
			"// app.get('/line-comment', h)\n" +
			"/* app.get('/block-comment', h)\n" +
			"   app.get('/still-comment', h) */\n" +
			"const s = 'app.get(\"/single\", h)';\n" +
			"const t = `app.get('/template', h) ${ a ? '}' : `nested ${b}` }`;\n" +
			"const re = /app.get\\('\\/regexp'[/]/g;\n" +
			"const ratio = total / count / 2;\n" +
			"app.get(`/dynamic/${id}`, h);\n" +
			"app.get(`/static-template`, h);\n" +
			"app.post('/after', h);\n",
			wantLine: 9, want: []string{
				"10 GET /static-template express h",
				"11 POST /after express h",
			}},
		{name: "jsx text with a quote", path: "page.tsx", src: "" +
			"export const Page = () => <p>Don't app.get('/x', h) here</p>;\n" +
			"app.post('/after-jsx', h);\n",
			want: []string{"2 POST /after-jsx express h ?"}},
		{name: "unterminated template", path: "broken.js",
			src:  "app.get('/before', h);\nconst t = `never closed\napp.get('/inside', h);\n",
			want: []string{"1 GET /before express h ?"}},
		{name: "minified", path: "bundle.js",
			src:      "// built\napp.get('/x', h);" + strings.Repeat(" ", maxSourceLine) + "\n",
			wantLine: 2},
		{name: "min.js", path: "vendor/app.min.js", src: "app.get('/x', h);\n", wantLine: 1},
		{name: "minified without a route marker", path: "dist/lib.js",
			src: "var a=1;" + strings.Repeat(" ", maxSourceLine) + "\n"},
		{name: "line exactly at the limit", path: "wide.js",
			src:  "app.get('/wide', h);" + strings.Repeat(" ", maxSourceLine-20) + "\n",
			want: []string{"1 GET /wide express h ?"}},
		{name: "nest without its import", path: "plain.ts",
			src: "@Controller('x')\nclass X {\n  @Get('y')\n  y() {}\n}\n"},
		{name: "nest dynamic paths", path: "dyn.controller.ts", src: `
import { Controller, Get } from '@nestjs/common';
@Controller(PREFIX)
export class DynController {
  @Get('known')
  known() {}
  @Get(ROUTE)
  unknown() {}
}
`, wantLine: 7, want: []string{"5 GET /known nestjs known ?"}},
	})
}

func TestJSExtractReportsMinifiedFiles(t *testing.T) {
	content := []byte("app.get('/x',h);" + strings.Repeat("x", 10<<20))
	items, err := NewJS().Extract(extractors.File{Path: "dist/app.js", Content: content}, nil)
	if items != nil {
		t.Errorf("minified file gave items %v", items)
	}
	if err == nil || !strings.Contains(err.Error(), "minified") ||
		!strings.Contains(err.Error(), "routes in it are not read") {
		t.Errorf("minified file gave error %v, want one saying its routes are not read", err)
	}
}

func TestJSMatch(t *testing.T) {
	tests := map[string]bool{
		"app.js": true, "src/server.mjs": true, "a.cjs": true, "api/routes.ts": true,
		"ui/Page.tsx": true, "types/index.d.ts": false, "app.test.js": false,
		"users.spec.ts": false, "app.json": false, "style.css": false,
	}
	for p, want := range tests {
		if got := NewJS().Match(p); got != want {
			t.Errorf("Match(%q) = %v, want %v", p, got, want)
		}
	}
}

func TestLexJS(t *testing.T) {
	ts := lexJS([]byte("#!/usr/bin/env node\n" +
		"a = b / c; x = /re\\/[/]/g.test(`t\n${ {a: '}'} }`)\n'un\nterminated"))
	var got []string
	for _, tk := range ts {
		got = append(got, tk.text)
	}
	want := "a = b / c ; x = regexp . test ( t\n ) un terminated"
	if strings.Join(got, " ") != want {
		t.Errorf("tokens %q, want %q", strings.Join(got, " "), want)
	}
	if last := ts[len(ts)-1]; last.line != 5 {
		t.Errorf("last token on line %d, want 5", last.line)
	}
}

func TestJSDestructuredRequire(t *testing.T) {
	runCases(t, NewJS(), []extractCase{
		{name: "router from a destructured require", path: "users.js", src: `
const { Router: makeRouter, json } = require('express');
const { get } = require('lodash');
const users = makeRouter();
const parser = json();
users.get('/', list);
parser.get('/not-a-router', h);
`, want: []string{"6 GET / express list ?"}},
	})
}

func TestJSTypeArguments(t *testing.T) {
	runCases(t, NewJS(), []extractCase{
		{name: "type arguments before the call", path: "server.ts", src: `
import Fastify from 'fastify';
import { Router } from 'express';
const fastify = Fastify();
const router = Router();
fastify.post<{ Body: Charge; Reply: { id: string } }>('/charge', charge);
router.get<Params>('/typed/:id', show);
fastify.get<{ Querystring: Array<Map<string, number>> }>('/nested', list);
fastify.put<{ Reply: (req: Req) => Promise<void>, Tag: '>' }>('/arrow', h);
fastify.route<{ Body: Item }>({ method: 'PATCH', url: '/route', handler: h });
fastify.delete < { a: 1 } > ('/compare');
`, want: []string{
			"8 GET /nested fastify list",
			"7 GET /typed/:id express show ?",
			"10 PATCH /route fastify h",
			"6 POST /charge fastify charge",
			"9 PUT /arrow fastify h",
		}},
		{name: "comparisons are not type arguments", path: "cmp.js", src: `
const express = require('express');
const app = express();
if (app.get < limit) { app.get > ('/x', h); }
const ok = app.get < (a ? b : c);
app.get<T>('/after', h);
`, want: []string{"6 GET /after express h"}},
	})
}

func TestJSUseMounts(t *testing.T) {
	runCases(t, NewJS(), []extractCase{
		{name: "middleware under a path is not a mount", path: "server.js", src: `
const express = require('express');
const app = express();
app.use('/rest/user/reset-password', rateLimit({ windowMs: 300000, max: 100 }));
app.use('/rest/basket', security.isAuthorized(), security.appendUserId());
app.use('/b2b/v2', security.isAuthorized());
app.use('/login', (req, res, next) => next());
app.use('/api', apiRoutes);
app.use('/admin', auth(), admin.routes);
app.use('/legacy', require('./legacy'));
app.use('/public', express.static('public'));
app.use('/inline', express.Router());
`, want: []string{
			"9 ANY /admin/* express admin.routes",
			"8 ANY /api/* express apiRoutes",
			"12 ANY /inline/* express -",
			"10 ANY /legacy/* express -",
			"11 ANY /public/* express -",
		}},
	})
}

func TestJSComputedPaths(t *testing.T) {
	runCases(t, NewJS(), []extractCase{
		{name: "tails below a base that is not a literal", path: "server.js", src: `
const express = require('express');
const app = express();
const users = express.Router();
app.get(` + "`${base}/x`" + `, h);
app.post(config.base + '/orders' + '/new', create);
app.put(` + "`/items/${id}`" + `, h);
app.patch(a ? '/a' : b + '/b', h);
app.delete(` + "`${v}/api/${version}/users`" + `, remove);
app.use(base + '/v1', users);
users.get('/me', me);
app.use(` + "`${base}/docs`" + `, docs);
app.get(getBase() + '/called', h);
app.get(base + '/' + id, h);
router.get(` + "`${base}/guessed`" + `, h);
`, wantLine: 7, want: []string{
			"12 ANY /docs/* express docs ?",
			"9 DELETE /users express remove ?",
			"11 GET /v1/me express me ?",
			"5 GET /x express h ?",
			"6 POST /orders/new express create ?",
		}},
	})
}

func TestJSFastifyPlugins(t *testing.T) {
	runCases(t, NewJS(), []extractCase{
		{name: "inline plugins and their prefixes", path: "server.ts", src: `
import Fastify, { FastifyInstance } from 'fastify';
const fastify = Fastify();
fastify.register(async (instance) => {
  instance.delete('/x', remove);
  instance.register(function (child: FastifyInstance, opts, done) {
    child.get<{ Params: Id }>('/y/:id', show);
    instance.post('/z', create);
    done();
  }, { prefix: '/nested' });
}, { prefix: '/v1' });
fastify.register(async function admin(fastify) {
  fastify.get('/stats', stats);
  fastify.get(` + "`${base}/tail`" + `, tail);
  fastify.get(path, unseen);
});
fastify.register(instance => { instance.put('/opts', h); }, opts);
fastify.register(async (instance) => { instance.put('/spread', h); }, { ...opts, logLevel: 'info' });
fastify.register(async (instance) => { instance.put('/tail', h); }, { prefix: ` + "`${v}/api`" + ` });
fastify.register(async (instance) => { instance.put('/short', h); }, { prefix });
fastify.register(routes, { prefix: '/v2' });
instance.get('/outside', h);
`, wantLine: 15, want: []string{
			"5 DELETE /v1/x fastify remove",
			"13 GET /stats fastify stats",
			"14 GET /tail fastify tail ?",
			"7 GET /v1/nested/y/:id fastify show",
			"8 POST /v1/z fastify create",
			"19 PUT /api/tail fastify h ?",
			"17 PUT /opts fastify h ?",
			"20 PUT /short fastify h ?",
			"18 PUT /spread fastify h ?",
		}},
		{name: "register on an express app is not a plugin", path: "app.js", src: `
const express = require('express');
const app = express();
app.register(async (instance) => { instance.get('/x', h); });
`},
		{name: "guessed receiver", path: "plugin.js", src: `
module.exports = async function (server) {
  server.register(async (api) => {
    api.get('/items', list);
    api.get(` + "`${base}/computed`" + `, h);
  }, { prefix: '/api' });
};
`, want: []string{"4 GET /api/items fastify list ?"}},
	})
}
