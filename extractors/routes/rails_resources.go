package routes

import "strings"

// railsAction is one of the standard actions resources expands to.
type railsAction struct {
	name    string
	methods []string
	member  bool   // on /photos/:id rather than /photos
	suffix  string // "new" or "edit"
}

// railsActions are the standard actions, in Rails's order; update answers
// both PATCH and PUT.
var railsActions = []railsAction{
	{name: "index", methods: []string{"GET"}},
	{name: "create", methods: []string{"POST"}},
	{name: "new", methods: []string{"GET"}, suffix: "new"},
	{name: "edit", methods: []string{"GET"}, member: true, suffix: "edit"},
	{name: "show", methods: []string{"GET"}, member: true},
	{name: "update", methods: []string{"PATCH", "PUT"}, member: true},
	{name: "destroy", methods: []string{"DELETE"}, member: true},
}

// resources expands resources :photos (or the singular resource :profile)
// into its standard routes, respecting only: and except:, and returns the
// frame of its block, in which routes nest below one photo.
func (r *railsFile) resources(i int, args railsArgs, plural bool) railsFrame {
	top := r.top()
	frame := top
	actions, ok := r.actions(args)
	if !ok {
		// Which routes exist is not evident: expand none rather than guess.
		r.unseen = append(r.unseen, r.ts[i].line)
		actions = nil
	}
	for _, arg := range args.positional {
		name, isName := r.value(arg)
		if !isName {
			r.unseen = append(r.unseen, r.ts[i].line)
			continue
		}
		frame = r.resource(i, name, args, plural, actions)
	}
	return frame
}

// resource expands one resource and returns the frame of its block.
func (r *railsFile) resource(i int, name string, args railsArgs, plural bool,
	actions map[string]bool) railsFrame {
	top := r.top()
	collection := joinPath(top.prefix, r.segment(name, args))
	param := "id"
	if p, ok := r.value(args.options["param"]); ok {
		param = p
	}
	member := collection
	if plural {
		member = joinPath(collection, ":"+param)
	}
	controller := ""
	if c, ok := r.value(args.options["controller"]); ok {
		controller = top.module + c
	} else if plural {
		controller = top.module + name
	}

	for _, a := range railsActions {
		if !actions[a.name] || a.name == "index" && !plural {
			continue
		}
		at := collection
		if a.member {
			at = member
		}
		handler := ""
		if controller != "" {
			handler = controller + "#" + a.name
		}
		for _, m := range a.methods {
			r.add(i, m, at, a.suffix, handler)
		}
	}

	nested := member
	if plural {
		nested = joinPath(collection, ":"+singular(name)+"_"+param)
	}
	return railsFrame{prefix: nested, module: top.module, member: member,
		collection: collection, resource: true}
}

// actions returns the standard actions kept by only: and except:, and
// false when either is not a literal list.
func (r *railsFile) actions(args railsArgs) (map[string]bool, bool) {
	keep := map[string]bool{}
	for _, a := range railsActions {
		keep[a.name] = true
	}
	if s, ok := args.options["only"]; ok {
		only, literal := r.values(s)
		if !literal {
			return keep, false
		}
		keep = map[string]bool{}
		for _, a := range only {
			keep[a] = true
		}
	}
	if s, ok := args.options["except"]; ok {
		except, literal := r.values(s)
		if !literal {
			return keep, false
		}
		for _, a := range except {
			delete(keep, a)
		}
	}
	return keep, true
}

// singular turns a resource name into the singular Rails uses for the
// parameter of nested routes, by the common English endings; an irregular
// noun keeps a plural parameter name, which the endpoint key ignores.
func singular(name string) string {
	switch {
	case strings.HasSuffix(name, "ies"):
		return strings.TrimSuffix(name, "ies") + "y"
	case strings.HasSuffix(name, "sses"), strings.HasSuffix(name, "xes"),
		strings.HasSuffix(name, "ches"), strings.HasSuffix(name, "shes"):
		return strings.TrimSuffix(name, "es")
	case strings.HasSuffix(name, "ss"):
		return name
	case strings.HasSuffix(name, "s"):
		return strings.TrimSuffix(name, "s")
	}
	return name
}
