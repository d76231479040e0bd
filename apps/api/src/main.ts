import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { exitIfConfigError, loadConfigOrExit } from '@firsthand/config';
import { createApiApp } from './create-api-app.js';

const config = loadConfigOrExit();
// A problem only the API can see (the bootstrap admin's password) stops the start like a bad variable.
const app = await createApiApp(config).catch(exitIfConfigError);
await app.listen(config.api.port, config.api.host);
const address = app.getHttpServer().address();
const port = typeof address === 'object' && address ? address.port : config.api.port;
// The launcher and the cross-process tests read this line to learn the port.
console.log(`FIRSTHAND_API_LISTENING port=${port}`);
new Logger('Api').log(`Listening on http://${config.api.host}:${port} (OpenAPI at /api/docs)`);
