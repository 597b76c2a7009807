// The account menu in a staff screen's header: who is logged in (name and role), changing one's own
// password, and (where the screen has no log-out button of its own) logging out.
import { useEffect, useRef, useState } from 'preact/hooks';
import { splitDisplayName } from '../protocol/users.ts';
import { useLang } from './components.tsx';
import { KeyIcon, LogoutIcon, UserIcon } from './icons.tsx';
import type { Me } from './login.tsx';
import { PasswordDialog } from './password.tsx';
import { roleName, tk } from './staff-words.ts';

export function UserMenu({
  user,
  compact = false,
  onLogout,
  onPasswordChanged,
}: {
  user: Me['user'];
  /** Only the icon on the button (a header that shows the name elsewhere). */
  compact?: boolean;
  onLogout?: () => void;
  onPasswordChanged?: () => void;
}) {
  const lang = useLang();
  const [open, setOpen] = useState(false);
  const [dialog, setDialog] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const name = splitDisplayName(user.displayName)[lang];

  // A press anywhere else, or Escape, closes the menu.
  useEffect(() => {
    if (!open) return;
    const away = (e: MouseEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('mousedown', away);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', away);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return (
    <div class="user-menu" ref={box}>
      <button
        type="button"
        class="btn btn-ghost btn-small user-menu-button"
        data-testid="user-menu"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={tk(lang, 'menu.label', { name })}
        title={tk(lang, 'menu.label', { name })}
        onClick={() => setOpen((o) => !o)}
      >
        <UserIcon size="1.3em" />
        {!compact && <span class="user-menu-name">{name}</span>}
      </button>
      {open && (
        <div class="user-menu-list" role="menu" data-testid="user-menu-list">
          <div class="user-menu-who">
            <strong>{name}</strong>
            <span>
              <bdi dir="ltr">{user.username}</bdi> · {roleName(lang, user.role)}
            </span>
          </div>
          <button
            type="button"
            role="menuitem"
            class="user-menu-item"
            data-testid="menu-password"
            onClick={() => {
              setOpen(false);
              setDialog(true);
            }}
          >
            <KeyIcon size="1.2em" />
            {tk(lang, 'menu.password')}
          </button>
          {onLogout && (
            <button
              type="button"
              role="menuitem"
              class="user-menu-item"
              data-testid="menu-logout"
              onClick={() => {
                setOpen(false);
                onLogout();
              }}
            >
              <LogoutIcon size="1.2em" />
              {tk(lang, 'menu.logout')}
            </button>
          )}
        </div>
      )}
      {dialog && <PasswordDialog username={user.username} onClose={() => setDialog(false)} onChanged={() => onPasswordChanged?.()} />}
    </div>
  );
}
