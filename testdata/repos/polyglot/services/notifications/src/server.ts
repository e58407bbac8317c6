import express from 'express';

import { startGrpc } from './grpc';
import { notifications } from './routes/notifications';
import { templates } from './templates';

const app = express();
app.disable('x-powered-by');
app.use(express.json({ limit: '64kb' }));

app.get('/healthz', (_req, res) => {
  res.json({ ok: true, smtp: templates.smtpReady() });
});

app.use('/v1/notifications', notifications);

// The preview endpoint was removed after the template injection report:
// app.post('/v1/templates/:name/preview', previewTemplate);

const usage = "curl -X POST app.post('/v1/notifications') -d @msg.json";

app.get('/v1/templates', (_req, res) => {
  res.json(templates.names());
});

const port = Number(process.env.PORT ?? 8080);
app.listen(port, () => {
  console.log(`notifications listening on ${port} (${usage.length})`);
});
startGrpc(Number(process.env.GRPC_PORT ?? 7000));
