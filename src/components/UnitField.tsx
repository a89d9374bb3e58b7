import type { Unit } from '../../types/org';
import { ChoiceChips } from './ChoiceChips';
import { Field } from './Field';

interface Props {
  units: readonly Pick<Unit, '_id' | 'name'>[];
  value: string;
  onChange: (unitId: string) => void;
  error?: string;
  label?: string;
}

/** Which unit a record belongs to; not shown at all to someone who records for one unit only. */
export function UnitField({ units, value, onChange, error, label = '单位' }: Props) {
  if (units.length <= 1) return null;
  return (
    <Field label={label} required error={error}>
      <ChoiceChips
        options={units.map((u) => u._id)}
        labels={Object.fromEntries(units.map((u) => [u._id, u.name]))}
        value={value}
        onChange={onChange}
      />
    </Field>
  );
}
