import { Templates } from '@rjsf/antd';
import type { BaseInputTemplateProps } from '@rjsf/utils';

const BaseInputTemplate = Templates.BaseInputTemplate!;

/**
 * The antd theme's input with the number field's minimum and maximum left to validation. Handed to antd's InputNumber
 * they clamp on blur: a budget typed past the maximum became the maximum and was created so, with no word said (an
 * outside probe). Validation reports the bound on the field instead.
 */
export function UnclampedInputTemplate(props: BaseInputTemplateProps) {
  const { minimum: _minimum, maximum: _maximum, ...unbounded } = props.schema;
  return <BaseInputTemplate {...props} schema={unbounded} />;
}
