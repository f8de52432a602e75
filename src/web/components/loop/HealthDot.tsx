/** The health light (亮灯): a coloured dot whose reason, in the reader's language, shows on hover and focus. */
import { Tooltip } from 'antd';
import type { HealthColour, Task } from '../../api/tasks.ts';
import { useI18n } from '../../i18n/index.ts';
import { useHealthLabel } from './labels.ts';

export const HEALTH_HEX: Record<HealthColour, string> = {
  red: '#e5484d',
  yellow: '#f5a524',
  blue: '#3e7bfa',
  green: '#30a46c',
  grey: '#a0a4ab',
  none: 'transparent',
};

export function Dot({ colour, size = 12 }: { colour: HealthColour | string; size?: number }) {
  const hex = HEALTH_HEX[colour as HealthColour] ?? HEALTH_HEX.none;
  return (
    <span
      aria-hidden
      style={{
        display: 'inline-block',
        width: size,
        height: size,
        borderRadius: '50%',
        background: hex,
        border: colour === 'none' ? '1px solid #bfbfbf' : `1px solid ${hex}`,
        flex: 'none',
      }}
    />
  );
}

/** `summary` is the server's `healthSummary`; without one (an inbox row) the colour's name is the label. */
export function HealthDot({ colour, summary, withLabel = false }: { colour: HealthColour | string; summary?: Task['healthSummary']; withLabel?: boolean }) {
  const { locale } = useI18n();
  const healthLabel = useHealthLabel();
  const text = summary?.[locale] ?? healthLabel(colour);
  return (
    <Tooltip title={text}>
      <span role="img" aria-label={text} tabIndex={0} style={{ display: 'inline-flex', alignItems: 'center', gap: 6, cursor: 'help', outlineOffset: 2 }}>
        <Dot colour={colour} />
        {withLabel ? <span>{healthLabel(colour)}</span> : null}
      </span>
    </Tooltip>
  );
}
