import { z } from 'zod';
import { ConnectorConfigSchemas } from '@verbatim/connectors';

/** A connector type and the settings it takes, for forms that help people write them. */
export interface ConnectorTypeDescription {
  type: string;
  /** `list`: the setting takes several values (in a form, one line each). */
  settings: Array<{ name: string; required: boolean; list: boolean }>;
}

/** Whether a setting, once its optional or default wrapper is off, is a list. */
function isList(setting: z.ZodType): boolean {
  let inner: z.ZodType = setting;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault || inner instanceof z.ZodNullable)
    inner = inner.unwrap() as z.ZodType;
  return inner instanceof z.ZodArray;
}

/** Every registered connector type with its settings, required ones first, read from the connectors' schemas. */
export function describeConnectorTypes(): ConnectorTypeDescription[] {
  return ConnectorConfigSchemas.options.map((schema) => {
    // A connector whose config is transformed after parsing is a pipe: its settings are those of its input.
    const object = (schema instanceof z.ZodPipe ? schema.in : schema) as unknown as z.ZodObject;
    const shape = object.shape as Record<string, z.ZodType>;
    const type = String((shape.type as z.ZodLiteral<string>).value);
    const settings = Object.entries(shape)
      .filter(([name]) => name !== 'type')
      .map(([name, setting]) => ({ name, required: !setting.safeParse(undefined).success, list: isList(setting) }));
    return {
      type,
      settings: [...settings.filter((setting) => setting.required), ...settings.filter((setting) => !setting.required)],
    };
  });
}
