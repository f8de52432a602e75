/** True below Ant Design's `md` breakpoint (768 px): phones get the drawer navigation and full-width controls. */
import { Grid } from 'antd';

export function usePhone(): boolean {
  return !Grid.useBreakpoint().md;
}
