import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JOURNEY_TEMPLATES_DIR, loadJourneyTemplates } from './journey-templates';

describe('journey templates (journey-templates/*.json)', () => {
  it('are valid flow configs, ordered by number, each declaring the events it listens for', () => {
    const templates = loadJourneyTemplates();
    expect(templates.map((t) => [t.number, t.id])).toEqual([
      [1, 'webinar-attendance'],
      [2, 'co-creation-fund'],
      [3, 'birthday-gift'],
      [4, 'member-day'],
      [5, 'tiered-gift'],
      [6, 'win-back-dormant'],
      [7, 'referral-second-coupon'],
      [8, 'cart-abandonment'],
    ]);
    const byId = new Map(templates.map((t) => [t.id, t]));
    expect(byId.get('webinar-attendance')!.eventTypes.map((e) => e.name)).toEqual(['webinar_attended']);
    expect(byId.get('co-creation-fund')!.eventTypes.map((e) => e.name)).toEqual([
      'co_creation_fund_requested',
    ]);
    expect(byId.get('tiered-gift')!.eventTypes).toEqual([]);
    expect(byId.get('referral-second-coupon')!.eventTypes).toEqual([]);
    expect(byId.get('win-back-dormant')!.audience).toMatchObject({ enrolExisting: true });
    expect(
      byId.get('cart-abandonment')!.config.definition.nodes.find((n) => n.type === 'waitFor'),
    ).toMatchObject({
      timeout: { hours: 1 },
    });
  });

  it('refuses a file whose graph breaks a rule, naming the file and the node', () => {
    const dir = mkdtempSync(join(tmpdir(), 'templates-'));
    const template = JSON.parse(readFileSync(join(JOURNEY_TEMPLATES_DIR, 'cart-abandonment.json'), 'utf8'));
    template.config.definition.nodes[1].onTimeout = 'missing';
    writeFileSync(join(dir, 'broken.json'), JSON.stringify(template));
    expect(() => loadJourneyTemplates(dir)).toThrow(
      /broken\.json[\s\S]*node "order-within-an-hour": leads to "missing"/,
    );
  });

  it('refuses a file that listens for an event it does not declare', () => {
    const dir = mkdtempSync(join(tmpdir(), 'templates-'));
    const template = JSON.parse(readFileSync(join(JOURNEY_TEMPLATES_DIR, 'webinar-attendance.json'), 'utf8'));
    template.eventTypes = [];
    writeFileSync(join(dir, 'silent.json'), JSON.stringify(template));
    expect(() => loadJourneyTemplates(dir)).toThrow(
      'silent.json: listens for undeclared event webinar_attended',
    );
  });
});
