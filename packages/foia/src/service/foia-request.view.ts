import type { BusinessCalendar } from '../business-calendar';
import { computeDeadlines, deadlineFlags, type DeadlineFlags, type FoiaDeadlines } from '../deadlines';
import { allowedTransitions, isOpenStatus } from '../request-lifecycle';
import type { Delivery, FoiaRequest, FoiaSettings } from '../foia-store.port';
import type { Role } from '@verbatim/core';

/** The deadline an officer is working against now: the response, until the request is answered; then production. */
export interface NextDeadline extends DeadlineFlags {
  kind: 'response' | 'production';
  at: string;
}

export interface NotificationSummary {
  id: string;
  event: string;
  channel: Delivery['channel'];
  status: Delivery['status'];
  attempts: number;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

export interface FoiaRequestView extends FoiaRequest {
  responseDueAt: string;
  productionTargetAt: string;
  appealDeadlineAt: string | null;
  /** Null once the request is no longer open (released, closed, denied, withdrawn). */
  nextDeadline: NextDeadline | null;
  notifications: NotificationSummary[];
  /** Moves the viewer may make from here: what a UI offers as buttons. */
  allowedTransitions: string[];
}

export function deadlinesOf(request: FoiaRequest, calendar: BusinessCalendar, settings: FoiaSettings): FoiaDeadlines {
  return computeDeadlines({
    receivedAt: request.receivedAt,
    recordsCategory: request.recordsCategory,
    deniedAt: request.deniedAt,
    extendedUntil: request.extendedUntil,
    calendar,
    productionTargetBusinessDays: settings.productionTargetBusinessDays,
  });
}

export function nextDeadlineOf(
  request: FoiaRequest,
  deadlines: FoiaDeadlines,
  calendar: BusinessCalendar,
  settings: FoiaSettings,
  now: Date,
): NextDeadline | null {
  if (!isOpenStatus(request.status)) return null;
  const kind = request.status === 'received' ? 'response' : 'production';
  const at = kind === 'response' ? deadlines.responseDueAt : deadlines.productionTargetAt;
  return { kind, at, ...deadlineFlags(at, now, { calendar, dueSoonBusinessDays: settings.dueSoonBusinessDays }) };
}

export function viewRequest(
  request: FoiaRequest,
  context: {
    calendar: BusinessCalendar;
    settings: FoiaSettings;
    deliveries: Delivery[];
    now: Date;
    viewerRoles: readonly Role[];
  },
): FoiaRequestView {
  const deadlines = deadlinesOf(request, context.calendar, context.settings);
  return {
    ...request,
    ...deadlines,
    nextDeadline: nextDeadlineOf(request, deadlines, context.calendar, context.settings, context.now),
    notifications: context.deliveries.map((delivery) => ({
      id: delivery.id,
      event: delivery.event,
      channel: delivery.channel,
      status: delivery.status,
      attempts: delivery.attempts,
      lastError: delivery.lastError,
      createdAt: delivery.createdAt,
      deliveredAt: delivery.deliveredAt,
    })),
    allowedTransitions: allowedTransitions(request.status, context.viewerRoles),
  };
}
