const request = require('supertest');
const app = require('./app');

app.get('/only-in-tests', (req, res) => res.end());

test('health', () => request(app).get('/health').expect(200));
