import { describe, expect, it } from 'vitest';
import { formatComponent } from './assessment-view';
import { formatRate } from './format';

const t = (key: string, values?: Record<string, unknown>) => `${key}${values ? JSON.stringify(values) : ''}`;

describe('assessment components in words', () => {
  it('rates as percentages, days late as days, nothing measured as such', () => {
    expect(formatComponent('onTimeRate', 0.8333, formatRate, t)).toBe('83.3%');
    expect(formatComponent('overdueDays', 4.25, formatRate, t)).toBe('assessment.meanDaysLate{"n":4.3}');
    expect(formatComponent('checkRating', null, formatRate, t)).toBe('assessment.notMeasured');
    expect(formatComponent('reportCompliance', 0, formatRate, t)).toBe('0.0%');
  });
});
