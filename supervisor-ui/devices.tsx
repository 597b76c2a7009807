// The console's Devices section: pairing a kiosk or a display (a one-time code shown large with a
// QR code of the pairing address, which the device's browser opens once), and every device with its
// state (online now, last seen, waiting for its code, revoked) and printer: rename, bind a kiosk's
// printer and test-print it, revoke (its screen stops at once). Supervisors and admins alike.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { BACKGROUND_HEADER, DevicePrinterBody, DeviceRenameBody, PairingCodeBody } from '../protocol/api.ts';
import type { DeviceKind } from '../protocol/domain.ts';
import { QrCode } from '../kiosk-ui/qr.tsx';
import { type ApiFailure, toFailure } from '../ui-kit/api.ts';
import { call, type ReplyOf } from '../ui-kit/client.ts';
import { useLang } from '../ui-kit/components.tsx';
import { formatShortDate, formatTime, type Lang } from '../ui-kit/i18n.ts';
import { AlertIcon } from '../ui-kit/icons.tsx';
import { FormError } from '../ui-kit/password.tsx';
import { ActionResult, FormDialog, Loading, PageHead, TextInput, useAction, validated } from './admin-kit.tsx';
import type { Hall } from './app.tsx';
import { TestPrint } from './checklist.tsx';
import { tk } from '../ui-kit/staff-words.ts';
import { tv } from './i18n.ts';
import { DevicesIcon, PrinterIcon } from './icons.tsx';

type Device = ReplyOf<'devices.list'>['devices'][number];
type Pairing = ReplyOf<'devices.pairingCode'> & { kind: DeviceKind; name: string };

/** How often the list asks again: online and last seen change without anyone here doing anything. */
const REFRESH_MS = 20_000;

/** The address a device's browser opens once to pair (kiosk-ui and display-ui read `?pair=`). */
export const pairingUrl = (kind: DeviceKind, code: string) => `${location.origin}/${kind}?pair=${code}`;

const when = (ms: number, lang: Lang, timeZone: string) => `${formatShortDate(ms, lang, timeZone)} ${formatTime(ms, lang, timeZone)}`;

type PrinterKind = 'none' | 'virtual' | 'usb' | 'tcp';
const PRINTER_KINDS: readonly PrinterKind[] = ['none', 'virtual', 'usb', 'tcp'];

/** A printer target as its parts: what kind, and a network printer's host and port. */
function printerParts(target: string | null): { kind: PrinterKind; host: string; port: string } {
  const tcp = target?.match(/^tcp:\/\/(.+):(\d+)$/);
  if (tcp) return { kind: 'tcp', host: tcp[1]!, port: tcp[2]! };
  if (target === 'virtual' || target === 'usb') return { kind: target, host: '', port: '9100' };
  return { kind: 'none', host: '', port: '9100' };
}
const printerTarget = (p: { kind: PrinterKind; host: string; port: string }): string | null =>
  p.kind === 'none' ? null : p.kind === 'tcp' ? `tcp://${p.host.trim()}:${p.port.trim()}` : p.kind;

/** The printer a kiosk prints on: none, the virtual one (files), USB, or a network printer (host and port). */
function PrinterField({ value, onChange }: { value: string | null; onChange(target: string | null): void }) {
  const lang = useLang();
  const [parts, setParts] = useState(() => printerParts(value));
  const update = (p: typeof parts) => {
    setParts(p);
    onChange(printerTarget(p));
  };
  return (
    <fieldset class="sv-printer">
      <legend class="field-label">{tv(lang, 'f.printer')}</legend>
      <div class="sv-checks-row">
        {PRINTER_KINDS.map((k) => (
          <label key={k} class="sv-radio">
            <input type="radio" name="printer-kind" data-testid={`printer-${k}`} checked={parts.kind === k} onChange={() => update({ ...parts, kind: k })} />
            {tv(lang, `printer.${k}`)}
          </label>
        ))}
      </div>
      {parts.kind === 'tcp' && (
        <div class="sv-grid">
          <TextInput
            label={tv(lang, 'printer.host')}
            testId="printer-host"
            dir="ltr"
            maxLength={120}
            value={parts.host}
            onInput={(host) => update({ ...parts, host })}
            hint="192.168.1.50"
          />
          <TextInput
            label={tv(lang, 'printer.port')}
            testId="printer-port"
            dir="ltr"
            maxLength={5}
            value={parts.port}
            onInput={(port) => update({ ...parts, port })}
          />
        </div>
      )}
    </fieldset>
  );
}

function PairDialog({ onPaired, onClose }: { onPaired(p: Pairing): void; onClose(): void }) {
  const lang = useLang();
  const [kind, setKind] = useState<DeviceKind>('kiosk');
  const [name, setName] = useState('');
  // No printer until one is chosen: a real hall's kiosk must not claim to print on the hub's virtual (file) printer.
  const [printer, setPrinter] = useState<string | null>(null);
  return (
    <FormDialog
      testId="pair-dialog"
      title={tv(lang, 'devices.pairTitle')}
      icon={<DevicesIcon size="1.3em" />}
      submitLabel={tv(lang, 'devices.pairSubmit')}
      ready={name.trim() !== ''}
      run={async () => {
        const body = validated(PairingCodeBody, { kind, name: name.trim(), printer: kind === 'kiosk' ? printer : null });
        onPaired({ ...(await call('devices.pairingCode', body)), kind, name: body.name });
        return '';
      }}
      onDone={onClose}
      onClose={onClose}
    >
      <fieldset class="sv-checks-row">
        <legend class="field-label">{tv(lang, 'f.kind')}</legend>
        {(['kiosk', 'display'] as const).map((k) => (
          <label key={k} class="sv-radio">
            <input type="radio" name="device-kind" data-testid={`pair-kind-${k}`} checked={kind === k} onChange={() => setKind(k)} />
            {tv(lang, `device.${k}`)}
          </label>
        ))}
      </fieldset>
      <TextInput
        label={tv(lang, 'f.name')}
        hint={tv(lang, 'devices.nameHint')}
        testId="pair-name"
        dir={lang === 'ar' ? 'rtl' : 'ltr'}
        maxLength={80}
        value={name}
        onInput={setName}
      />
      {kind === 'kiosk' && <PrinterField value={printer} onChange={setPrinter} />}
    </FormDialog>
  );
}

/** A fresh pairing code: large, with the QR code of its address and when it expires. */
function PairingPanel({ pairing, timeZone, onClose }: { pairing: Pairing; timeZone: string; onClose(): void }) {
  const lang = useLang();
  const url = pairingUrl(pairing.kind, pairing.code);
  return (
    <section class="card sv-pairing" data-testid="pairing" aria-labelledby="pairing-title">
      <div class="sv-pairing-text">
        <h2 class="sv-group-title" id="pairing-title">
          {tv(lang, 'devices.pairingFor', { kind: tv(lang, `device.${pairing.kind}`), name: pairing.name })}
        </h2>
        <p class="sv-pairing-code ltr-num" dir="ltr" data-testid="pairing-code">
          {pairing.code}
        </p>
        <p>{tv(lang, 'devices.pairingHow', { kind: tv(lang, `device.${pairing.kind}`) })}</p>
        <p class="sv-pairing-url" dir="ltr" data-testid="pairing-url">
          {url}
        </p>
        <p class="sv-muted">{tv(lang, 'devices.pairingExpires', { time: formatTime(pairing.expiresAt, lang, timeZone) })}</p>
        <button type="button" class="btn btn-ghost btn-small" data-testid="pairing-close" onClick={onClose}>
          {tk(lang, 'common.close')}
        </button>
      </div>
      <div class="sv-pairing-qr">
        <QrCode url={url} testId="pairing-qr" label={tv(lang, 'devices.qrLabel')} />
      </div>
    </section>
  );
}

type Dialog = { kind: 'pair' } | { kind: 'rename' | 'printer' | 'revoke'; device: Device };

function RenameDialog({ device, onDone, onClose }: { device: Device; onDone(text: string): void; onClose(): void }) {
  const lang = useLang();
  const [name, setName] = useState(device.name);
  return (
    <FormDialog
      testId="rename-dialog"
      title={tv(lang, 'devices.renameTitle', { name: device.name })}
      icon={<DevicesIcon size="1.3em" />}
      submitLabel={tv(lang, 'common.save')}
      ready={name.trim() !== '' && name.trim() !== device.name}
      run={async () => {
        const reply = await call('devices.rename', validated(DeviceRenameBody, { id: device.id, name: name.trim() }));
        return tv(lang, 'devices.renamed', { name: reply.device.name });
      }}
      onDone={onDone}
      onClose={onClose}
    >
      <TextInput label={tv(lang, 'f.name')} testId="rename-name" dir={lang === 'ar' ? 'rtl' : 'ltr'} maxLength={80} value={name} onInput={setName} />
    </FormDialog>
  );
}

function PrinterDialog({ device, onDone, onClose }: { device: Device; onDone(text: string): void; onClose(): void }) {
  const lang = useLang();
  const [printer, setPrinter] = useState<string | null>(device.printer);
  return (
    <FormDialog
      testId="printer-dialog"
      title={tv(lang, 'devices.printerTitle', { name: device.name })}
      icon={<PrinterIcon size="1.3em" />}
      submitLabel={tv(lang, 'common.save')}
      ready={printer !== device.printer}
      run={async () => {
        await call('devices.setPrinter', validated(DevicePrinterBody, { id: device.id, printer }));
        return tv(lang, 'devices.printerSaved', { name: device.name });
      }}
      onDone={onDone}
      onClose={onClose}
    >
      <PrinterField value={device.printer} onChange={setPrinter} />
    </FormDialog>
  );
}

function RevokeDialog({ device, onDone, onClose }: { device: Device; onDone(text: string): void; onClose(): void }) {
  const lang = useLang();
  return (
    <FormDialog
      testId="revoke-dialog"
      title={tv(lang, 'devices.revokeTitle', { name: device.name })}
      icon={<AlertIcon size="1.3em" />}
      submitLabel={tv(lang, 'devices.revokeConfirm')}
      danger
      run={async () => {
        await call('devices.revoke', { id: device.id });
        return tv(lang, 'devices.revoked', { name: device.name });
      }}
      onDone={onDone}
      onClose={onClose}
    >
      <p class="dialog-note dialog-warn">{tv(lang, 'devices.revokeBody', { kind: tv(lang, `device.${device.kind}`) })}</p>
    </FormDialog>
  );
}

function DeviceState({ device }: { device: Device }) {
  const lang = useLang();
  if (device.revoked)
    return (
      <span class="sv-mark sv-mark-off" data-state="revoked">
        {tv(lang, 'devices.stateRevoked')}
      </span>
    );
  if (device.pairedAt === null)
    return (
      <span class="sv-mark sv-mark-info" data-state="pending">
        {tv(lang, 'devices.statePending')}
      </span>
    );
  return device.online ? (
    <span class="sv-mark sv-mark-on" data-state="online">
      {tv(lang, 'devices.stateOnline')}
    </span>
  ) : (
    <span class="sv-mark sv-mark-warn" data-state="offline">
      {tv(lang, 'devices.stateOffline')}
    </span>
  );
}

export function DevicesSection({ hall }: { hall: Hall }) {
  const lang = useLang();
  const [devices, setDevices] = useState<Device[] | null>(null);
  const [loadError, setLoadError] = useState<ApiFailure | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [pairing, setPairing] = useState<Pairing | null>(null);
  const action = useAction();
  const load = useCallback(async (background = false) => {
    try {
      // The timed refresh is not the supervisor's activity: a console left on this page still goes idle.
      setDevices((await call('devices.list', {}, background ? { headers: { [BACKGROUND_HEADER]: '1' } } : {})).devices);
      setLoadError(null);
    } catch (e) {
      setLoadError(toFailure(e));
    }
  }, []);
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(true), REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);
  const open = (d: Dialog) => {
    action.clear();
    setDialog(d);
  };
  const finish = (text: string) => {
    setDialog(null);
    action.setDone(text);
    void load();
  };
  // Revoked devices last: they are kept for the record, nothing more can be done with them.
  const list = [...(devices ?? [])].sort((a, b) => Number(a.revoked) - Number(b.revoked) || a.kind.localeCompare(b.kind) || a.id - b.id);
  return (
    <section class="sv-page" data-testid="devices-page" aria-labelledby="devices-title">
      <PageHead id="devices-title" title={tv(lang, 'nav.devices')} intro={tv(lang, 'devices.intro')}>
        <button type="button" class="btn btn-primary" data-testid="pair-create" onClick={() => open({ kind: 'pair' })}>
          <DevicesIcon size="1.3em" />
          {tv(lang, 'devices.pair')}
        </button>
      </PageHead>
      {pairing && (
        <PairingPanel
          pairing={pairing}
          timeZone={hall.timeZone}
          onClose={() => {
            setPairing(null);
            void load();
          }}
        />
      )}
      <ActionResult action={action} testId="devices" />
      <FormError error={loadError} testId="devices-load-error" />
      {!devices ? (
        !loadError && <Loading />
      ) : (
        <table class="sv-table" data-testid="devices-table">
          <thead>
            <tr>
              <th scope="col">{tv(lang, 'devices.colDevice')}</th>
              <th scope="col">{tv(lang, 'users.colState')}</th>
              <th scope="col">{tv(lang, 'devices.colSeen')}</th>
              <th scope="col">{tv(lang, 'f.printer')}</th>
              <th scope="col">{tv(lang, 'users.colActions')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((d) => (
              <tr key={d.id} data-testid={`device-${d.id}`} data-name={d.name} class={d.revoked ? 'sv-row-off' : undefined}>
                <td>
                  <span class="sv-user">
                    <span class="sv-user-name">{d.name}</span>
                    <span class="sv-username">{tv(lang, `device.${d.kind}`)}</span>
                  </span>
                </td>
                <td>
                  <DeviceState device={d} />
                </td>
                <td class="sv-nowrap">{d.lastSeenAt === null ? tv(lang, 'devices.never') : when(d.lastSeenAt, lang, hall.timeZone)}</td>
                <td>
                  {d.kind === 'kiosk' ? (
                    <bdi class="sv-username" dir="ltr">
                      {d.printer ?? tv(lang, 'printer.none')}
                    </bdi>
                  ) : (
                    '—'
                  )}
                </td>
                <td>
                  {!d.revoked && (
                    <span class="sv-actions">
                      <button type="button" class="btn btn-ghost btn-small" data-testid="device-rename" onClick={() => open({ kind: 'rename', device: d })}>
                        {tv(lang, 'devices.rename')}
                      </button>
                      {d.kind === 'kiosk' && (
                        <button type="button" class="btn btn-ghost btn-small" data-testid="device-printer" onClick={() => open({ kind: 'printer', device: d })}>
                          <PrinterIcon size="1.1em" />
                          {tv(lang, 'devices.printer')}
                        </button>
                      )}
                      <button
                        type="button"
                        class="btn btn-ghost btn-small sv-danger"
                        data-testid="device-revoke"
                        onClick={() => open({ kind: 'revoke', device: d })}
                      >
                        {tv(lang, 'devices.revoke')}
                      </button>
                    </span>
                  )}
                  {!d.revoked && d.kind === 'kiosk' && d.printer !== null && <TestPrint kiosk={d} />}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {dialog?.kind === 'pair' && (
        <PairDialog
          onClose={() => setDialog(null)}
          onPaired={(p) => {
            setPairing(p);
            void load();
          }}
        />
      )}
      {dialog?.kind === 'rename' && <RenameDialog device={dialog.device} onDone={finish} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'printer' && <PrinterDialog device={dialog.device} onDone={finish} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'revoke' && <RevokeDialog device={dialog.device} onDone={finish} onClose={() => setDialog(null)} />}
    </section>
  );
}
