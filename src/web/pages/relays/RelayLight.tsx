/** A 传达学习 light: the colour's dot and its words (红灯：逾期3天未报传达学习记录) — words too, never the colour alone. */
import { Flex } from 'antd';
import type { RelayCampaignHealth, RelayUnitHealth } from '../../../contract/relays.ts';
import { Dot } from '../../components/loop/HealthDot.tsx';
import { useI18n } from '../../i18n/index.ts';

export function RelayLight({ health }: { health: RelayUnitHealth | RelayCampaignHealth }) {
  const { locale } = useI18n();
  return (
    <Flex gap={6} align="center" data-colour={health.colour ?? 'none'}>
      <Dot colour={health.colour ?? 'none'} size={10} />
      <span>{health.summary[locale]}</span>
    </Flex>
  );
}
