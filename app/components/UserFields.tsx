import { ROLE_LABELS, ROLES } from "~/domain/roles";
import { SelectField } from "./fields";

export function RoleField(props: { defaultValue?: string; error?: string }) {
  return (
    <SelectField
      name="role"
      label="Perfil"
      defaultValue={props.defaultValue}
      error={props.error}
      choices={ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }))}
    />
  );
}

export function UnitsField(props: {
  units: { id: number; name: string; isActive: boolean }[];
  defaultValue?: string[];
  error?: string;
}) {
  return (
    <SelectField
      name="unitIds"
      label="Unidades"
      className="field--wide"
      hint="Una jefatura de unidad debe tener al menos una unidad; los demás perfiles no reportan por unidad. Use Ctrl (o Cmd) para elegir varias."
      multiple
      size={Math.min(8, Math.max(4, props.units.length))}
      defaultValue={props.defaultValue}
      error={props.error}
      choices={props.units.map((unit) => ({ value: String(unit.id), label: unit.isActive ? unit.name : `${unit.name} (inactiva)` }))}
    />
  );
}
