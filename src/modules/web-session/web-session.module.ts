import { Module } from '@nestjs/common';
import { WebSessionController } from './web-session.controller.js';

/** What the web app needs from the service besides the API: the development sign-in. */
@Module({ controllers: [WebSessionController] })
export class WebSessionModule {}
