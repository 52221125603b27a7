import { Global, Module } from '@nestjs/common';
import { CredentialReminders } from './credential-reminders.js';
import { NotificationDelivery } from './notification-delivery.js';
import { NotificationsResolver } from './notifications.resolver.js';
import { NotificationsService } from './notifications.service.js';

/** The inbox, the outbox and its delivery, the scheduled reminders; global, so any module may call `notify`. */
@Global()
@Module({
  providers: [NotificationsService, NotificationsResolver, NotificationDelivery, CredentialReminders],
  exports: [NotificationsService],
})
export class NotificationsModule {}
