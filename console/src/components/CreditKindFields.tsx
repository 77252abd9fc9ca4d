import { Form, Input, InputNumber, Radio } from 'antd';
import { toMinor } from '../format';
import { useLocale } from '../i18n/locale';

/** The kinds of credit a code or a manual grant may give (the ledger's own, except threshold coupons). */
export const OFFERED_KINDS = ['cash', 'percent', 'shipping', 'gift'] as const;
export type OfferedKind = (typeof OFFERED_KINDS)[number];

/** What the fields below hold, as typed: percent in whole percent, amounts in currency units. */
export interface CreditKindValues<K extends OfferedKind = OfferedKind> {
  creditKind?: K;
  percentOff?: number;
  minOrder?: number;
  giftSku?: string;
}

/** The API's terms for the kind: the rate in basis points, the minimum in minor units, the gift's SKU. */
export function creditKindTerms<K extends OfferedKind>(
  values: CreditKindValues<K>,
): {
  creditKind: K | 'cash';
  percentBp?: number;
  minOrderAmount?: number;
  giftSku?: string;
} {
  const creditKind = values.creditKind ?? 'cash';
  return {
    creditKind,
    ...(creditKind === 'percent' && values.percentOff !== undefined
      ? { percentBp: Math.round(values.percentOff * 100) }
      : {}),
    ...(creditKind !== 'cash' && values.minOrder ? { minOrderAmount: toMinor(values.minOrder) } : {}),
    ...(creditKind === 'gift' && values.giftSku ? { giftSku: values.giftSku.trim() } : {}),
  };
}

/**
 * Kind of credit and its terms, for the code batch and manual grant forms: cash, a percent-off coupon (its amount the
 * cap), free shipping, or a gift item (its amount the item's value). The API's 422 still has the last word.
 */
export function CreditKindFields({
  kind,
  kinds = OFFERED_KINDS,
}: {
  kind: OfferedKind;
  /** The kinds this form offers (manual grants have no gift items). */
  kinds?: readonly OfferedKind[];
}) {
  const { t } = useLocale();
  return (
    <>
      <Form.Item name="creditKind" label={t('credit.kind')}>
        <Radio.Group
          optionType="button"
          options={kinds.map((k) => ({ value: k, label: t(`credit.kind.${k}`) }))}
        />
      </Form.Item>
      {kind === 'percent' && (
        <Form.Item
          name="percentOff"
          label={t('credit.percentOff')}
          rules={[{ required: true, message: t('credit.required') }]}
        >
          <InputNumber min={0.01} max={100} step={1} precision={2} addonAfter="%" style={{ width: 140 }} />
        </Form.Item>
      )}
      {kind === 'gift' && (
        <Form.Item
          name="giftSku"
          label={t('credit.giftSku')}
          rules={[{ required: true, whitespace: true, message: t('credit.required') }]}
        >
          <Input style={{ width: 180 }} />
        </Form.Item>
      )}
      {kind !== 'cash' && (
        <Form.Item name="minOrder" label={t('credit.minOrder')}>
          <InputNumber min={0.01} step={0.01} precision={2} style={{ width: 140 }} />
        </Form.Item>
      )}
    </>
  );
}
