import type { ApiParsed, ReportSettings } from '../../../shared/api';
import { eventBodySchemas } from '../../../shared/events';
import type { Desk } from '../desk';
import { templateFromText } from '../export/template';

const TEMPLATE_KEY = 'export_template';

/** What the export will use: the event's signatories and the participant-sheet template in force on this desk. */
export function reportSettings(desk: Desk): ReportSettings {
  const event = desk.requireEvent();
  const saved = desk.meta(TEMPLATE_KEY);
  const template = templateFromText(saved);
  return {
    signatories: event.signatories ?? [],
    template: `${JSON.stringify(template, null, 2)}\n`,
    columns: template.columns.map((c) => c.header),
    customTemplate: saved !== null,
  };
}

/**
 * Signatories belong to the event, so they travel as a new `event.configured` (the latest one
 * wins everywhere); the template is this desk's, because the export is made on one desk.
 * A template is checked before it is saved, so a broken file never reaches an export.
 */
export function setReportSettings(desk: Desk, input: ApiParsed<'setReportSettings'>): ReportSettings {
  const event = desk.requireEvent();
  if (input.template !== undefined) {
    desk.setMeta(TEMPLATE_KEY, input.template === null ? null : JSON.stringify(templateFromText(input.template)));
  }
  if (input.signatories && JSON.stringify(input.signatories) !== JSON.stringify(event.signatories ?? [])) {
    // Parsing strips what the fold adds (configuredHlc, retention) and keeps every configured field.
    const body = eventBodySchemas['event.configured'].parse({ ...event, signatories: input.signatories });
    desk.record([{ type: 'event.configured', body }], desk.operator ?? 'panitia');
  }
  return reportSettings(desk);
}
