// The counter's login: the staff login every staff screen shares (ui-kit/login.tsx) under the
// counter's header, for counter staff, and for supervisors and admins covering a break (under their own name).
import type { Role } from '../protocol/domain.ts';
import { useLang } from '../ui-kit/components.tsx';
import { type LoginStart, type Me, StaffLogin } from '../ui-kit/login.tsx';
import { AppHeader } from './header.tsx';
import { tc } from './i18n.ts';
import { CounterDeskIcon } from './icons.tsx';

export const COUNTER_ROLES: readonly Role[] = ['counter', 'supervisor', 'admin'];

export function LoginScreen({ start, onEnter }: { start: LoginStart; onEnter(me: Me): void }) {
  const lang = useLang();
  return (
    <>
      <AppHeader />
      <StaffLogin
        title={tc(lang, 'login.title')}
        subtitle={tc(lang, 'login.subtitle')}
        icon={<CounterDeskIcon size="100%" />}
        roles={COUNTER_ROLES}
        wrongRole={tc(lang, 'login.notCounterStaff')}
        start={start}
        onEnter={onEnter}
      />
    </>
  );
}
