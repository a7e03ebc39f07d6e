import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import ical, { ICalCalendarMethod } from 'ical-generator';
import { DataSource, In } from 'typeorm';
import { CouncilsService } from '../../councils/councils.service';
import { urlRefusal } from '../../councils/url-safety';
import { APP_CONFIG, type AppConfig } from '../../config/env';
import { Notification, type NotificationKind } from '../notification.entity';
import type { Channel, Mention, SendOutcome, SendRequest } from './channels/channel';
import { DingtalkChannel } from './channels/dingtalk.channel';
import { EmailChannel } from './channels/email.channel';
import { FeishuChannel } from './channels/feishu.channel';
import { WebhookChannel } from './channels/webhook.channel';
import { WecomChannel } from './channels/wecom.channel';
import type { DeliveryChannel } from './delivery.entity';
import {
  findCouncilSettings,
  findItem,
  findPeople,
  type ChannelRow,
  type ClaimedDelivery,
  type ClaimedSend,
  type ItemFacts,
  type NotificationFacts,
} from './delivery.repository';
import { buildMessage, CONFIDENTIAL_NOTICE, daysOverdue, type Locale, type Message } from './message-templates';
import { OutboundHttp } from './outbound-http';

/** Kinds whose e-mail carries the deadline as an .ics attachment. */
const DEADLINE_KINDS: readonly NotificationKind[] = [
  'assigned',
  'due_soon',
  'overdue',
  'escalated',
  'extension_decided',
  'acceptance_overdue',
];

export type SendResult = SendOutcome | { skipped: string };

/**
 * Turns a delivery row into a message and sends it through its channel. Reads everything fresh at send
 * time (the item may have been renamed, the channel disabled, the address removed) and checks the URL
 * again; the connection itself checks the resolved address (OutboundHttp).
 */
@Injectable()
export class DeliverySender implements OnModuleDestroy {
  readonly http: OutboundHttp;
  private readonly email: EmailChannel | null;
  private readonly robots: Record<Exclude<DeliveryChannel, 'email'>, Channel>;

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly councils: CouncilsService,
  ) {
    // An attempt ends well inside its lease: no second worker can take the row while this one still sends.
    this.http = new OutboundHttp({
      allowPrivate: config.webhookAllowPrivate,
      timeoutMs: Math.min(10_000, Math.floor(config.delivery.leaseMs / 3)),
      deadlineMs: Math.min(30_000, Math.floor(config.delivery.leaseMs / 2)),
    });
    this.email = config.delivery.smtpUrl ? new EmailChannel(config.delivery.smtpUrl, config.delivery.mailFrom) : null;
    this.robots = {
      dingtalk: new DingtalkChannel(this.http),
      wecom: new WecomChannel(this.http),
      feishu: new FeishuChannel(this.http),
      webhook: new WebhookChannel(this.http),
    };
  }

  async onModuleDestroy(): Promise<void> {
    this.email?.close();
    await this.http.close();
  }

  /** Sends a row claimed with `claimForSend`, which already read everything but the people. */
  async sendClaimed(c: ClaimedSend, now: Date): Promise<SendResult> {
    if (!c.notification) return { skipped: 'notification removed' };
    if (c.delivery.channel === 'email') return this.sendEmail(c.delivery, c.notification, c.item, c.zone, now);
    return this.sendToChannel(c.delivery, c.notification, c.item, c.zone, c.channel, now);
  }

  /** One e-mail listing every collected item (rows of one person, all digest rows). */
  async sendDigest(rows: ClaimedDelivery[], now: Date): Promise<SendResult> {
    if (!this.email) return { skipped: 'e-mail not configured (SMTP_URL unset)' };
    const [person] = await findPeople(this.db.manager, [rows[0].recipientId!]);
    if (!person?.email) return { skipped: 'no e-mail address' };
    const locale: Locale = person.preferences.locale === 'en' ? 'en' : 'zh-CN';
    const notifications = await this.db.getRepository(Notification).findBy({ id: In(rows.map((r) => r.notificationId)) });
    const parts: Message[] = [];
    for (const n of notifications.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())) {
      const item = n.resolutionId ? await findItem(this.db.manager, n.resolutionId) : null;
      parts.push(this.message(n.kind, n.level, item, await this.zoneOf(n.councilId), now, locale));
    }
    const zh = locale === 'zh-CN';
    const digest: Message = {
      subject: zh
        ? `【督办】每日摘要：${parts.length} 条事项`
        : `[Duban] Daily digest: ${parts.length} item${parts.length === 1 ? '' : 's'}`,
      heading: zh ? `每日摘要（${parts.length} 条）` : `Daily digest (${parts.length})`,
      summary: zh ? '以下是今天为您收集的督办通知。' : 'The notices collected for you today.',
      facts: parts.map((p) => ({ label: p.heading, value: p.link })),
      link: `${this.config.delivery.publicUrl}/`,
      linkText: zh ? '打开督办' : 'Open Duban',
      confidential: false,
    };
    return this.email.send({
      deliveryId: rows[0].id,
      message: digest,
      destination: { email: person.email, name: person.name },
      mentions: [],
      now,
    });
  }

  /** Sends a test message to a channel now (POST …/channels/:channelId/test). */
  async test(channel: ChannelRow, now: Date): Promise<SendOutcome> {
    const refusal = urlRefusal(channel.type, channel.url, this.config.webhookAllowPrivate);
    if (refusal) return { ok: false, retry: false, httpStatus: null, vendorCode: null, message: `url ${refusal}` };
    const zh: Message = {
      subject: '【督办】测试消息',
      heading: '督办：测试消息',
      summary: `这是一条来自督办系统的测试消息（通道「${channel.name}」）。`,
      facts: [],
      link: `${this.config.delivery.publicUrl}/`,
      linkText: '打开督办',
      confidential: false,
    };
    return this.robots[channel.type].send({
      deliveryId: `test-${channel.id}-${now.getTime()}`,
      message: zh,
      destination: { url: channel.url, secret: channel.secret },
      mentions: [],
      webhookData: { test: true, channel: { id: channel.id, name: channel.name } },
      now,
    });
  }

  private async zoneOf(councilId: string | null): Promise<string> {
    if (!councilId) return 'Asia/Shanghai';
    const [council] = await findCouncilSettings(this.db.manager, [councilId]);
    return council?.timezone ?? 'Asia/Shanghai';
  }

  private message(kind: NotificationKind, level: number | null, item: ItemFacts | null, zone: string, now: Date, locale: Locale): Message {
    return buildMessage({ kind, level, resolution: item, zone, now, publicUrl: this.config.delivery.publicUrl, locale });
  }

  private async sendEmail(d: ClaimedDelivery, n: NotificationFacts, item: ItemFacts | null, zone: string, now: Date): Promise<SendResult> {
    if (!this.email) return { skipped: 'e-mail not configured (SMTP_URL unset)' };
    const [person] = await findPeople(this.db.manager, [d.recipientId!]);
    if (!person?.email) return { skipped: 'no e-mail address' };
    const locale: Locale = person.preferences.locale === 'en' ? 'en' : 'zh-CN';
    const message = this.message(n.kind, n.level, item, zone, now, locale);
    return this.email.send({
      deliveryId: d.id,
      message,
      destination: { email: person.email, name: person.name },
      mentions: [],
      ics: item && item.dueAt && !item.confidential && DEADLINE_KINDS.includes(n.kind) ? this.ics(item, message) : null,
      now,
    });
  }

  private async sendToChannel(
    d: ClaimedDelivery,
    n: NotificationFacts,
    item: ItemFacts | null,
    zone: string,
    channel: ChannelRow | null,
    now: Date,
  ): Promise<SendResult> {
    if (!channel) return { skipped: 'channel removed' };
    if (!channel.enabled) return { skipped: 'channel off' };
    const refusal = urlRefusal(channel.type, channel.url, this.config.webhookAllowPrivate);
    if (refusal) return { ok: false, retry: false, httpStatus: null, vendorCode: null, message: `url ${refusal}` };
    const people = d.mentionIds.length ? await findPeople(this.db.manager, d.mentionIds) : [];
    const order = new Map(d.mentionIds.map((id, i) => [id, i]));
    const mentions: Mention[] = people
      .sort((a, b) => order.get(a.id)! - order.get(b.id)!)
      .map((p) => ({ personId: p.id, name: p.name, mobile: p.phone, dingtalkUserId: p.dingtalkUserId, wecomUserId: p.wecomUserId }));
    // Group channels speak the council's language.
    const message = this.message(n.kind, n.level, item, zone, now, 'zh-CN');
    const request: SendRequest = {
      deliveryId: d.id,
      message,
      destination: { url: channel.url, secret: channel.secret },
      mentions,
      webhookData: this.webhookData(n, item, message, d.mentionIds, now),
      now,
    };
    const outcome = await this.robots[channel.type].send(request);
    if (outcome.gone && channel.type === 'webhook') {
      // Standard Webhooks: 410 Gone means the receiver wants nothing more here. Turn the channel off (the
      // reason on the channel and a `channel.disabled` event), so its other deliveries end `skipped: channel off`.
      const reason = `the webhook answered 410 Gone at ${now.toISOString()}`;
      const disabled = await this.councils.disableChannel(channel.id, reason, now);
      return { ...outcome, message: `${outcome.message}${disabled ? '; channel disabled' : ''}` };
    }
    return outcome;
  }

  /** The webhook's `data`: the notification and its item — for a confidential item, only ids, the notice and the link. */
  private webhookData(n: NotificationFacts, item: ItemFacts | null, message: Message, recipientIds: string[], now: Date) {
    const notification = {
      id: n.id,
      kind: n.kind,
      level: n.level,
      councilId: n.councilId,
      resolutionId: n.resolutionId,
      recipientIds,
      createdAt: n.createdAt,
    };
    if (message.confidential) {
      const notice = CONFIDENTIAL_NOTICE['zh-CN'];
      return {
        notification: { ...notification, title: notice, body: notice },
        resolution: item ? { id: item.id, councilId: item.councilId, confidential: true, link: message.link } : null,
      };
    }
    return {
      notification: { ...notification, title: n.title, body: n.body },
      resolution: item
        ? {
            id: item.id,
            councilId: item.councilId,
            number: item.number,
            title: item.title,
            status: item.status,
            dueAt: item.dueAt,
            daysOverdue: daysOverdue(item.dueAt, now),
            escalationLevel: item.escalationLevel,
            confidential: false,
            link: message.link,
          }
        : null,
    };
  }

  private ics(item: ItemFacts, message: Message): string {
    const calendar = ical({ name: '督办', prodId: { company: 'duban', product: 'deadline' }, method: ICalCalendarMethod.PUBLISH });
    calendar.createEvent({
      id: `${item.id}@duban`,
      start: item.dueAt!,
      end: new Date(item.dueAt!.getTime() + 30 * 60_000),
      summary: `督办：第${item.number}号 ${item.title}`,
      url: message.link,
      description: `${message.summary}\n${message.link}`,
    });
    return calendar.toString();
  }
}
