// Settings → Services: every service, inactive ones too (the staff feed has them all), in kiosk
// order; an admin adds one or edits one in a dialog (names, queue letter, colour, kiosk icon,
// durations, bookable, on the kiosk, order, active). Services are never deleted: "active" off takes
// one out. The kiosk follows at once (the hub changes services through the engine).
import { useState } from 'preact/hooks';
import { CreateServiceBody, UpdateServiceBody } from '../protocol/api.ts';
import type { Service } from '../protocol/domain.ts';
import { call } from '../ui-kit/client.ts';
import { Pair, useLang } from '../ui-kit/components.tsx';
import { SERVICE_ICONS, ServiceIcon, type ServiceIconName, TicketIcon } from '../ui-kit/icons.tsx';
import { ActionResult, CheckInput, changed, FormDialog, NumberInput, PageHead, TextInput, useAction, validated } from './admin-kit.tsx';
import { tv } from './i18n.ts';

type ServiceFields = Omit<Service, 'id'>;
const ICON_NAMES = Object.keys(SERVICE_ICONS) as ServiceIconName[];
const iconOf = (icon: string): ServiceIconName => (Object.hasOwn(SERVICE_ICONS, icon) ? (icon as ServiceIconName) : 'ticket');

const fieldsOf = ({ id: _id, ...fields }: Service): ServiceFields => fields;

function IconChoice({ value, onChange }: { value: string; onChange(icon: ServiceIconName): void }) {
  const lang = useLang();
  const chosen = iconOf(value);
  return (
    <fieldset class="sv-icons">
      <legend class="field-label">{tv(lang, 'f.icon')}</legend>
      {ICON_NAMES.map((name) => (
        <label key={name} class="sv-icon-choice" title={tv(lang, `icon.${name}`)} data-testid={`service-icon-${name}`} data-checked={String(chosen === name)}>
          <input type="radio" name="service-icon" checked={chosen === name} onChange={() => onChange(name)} />
          <ServiceIcon name={name} size="1.8em" />
          <span class="sv-icon-name">{tv(lang, `icon.${name}`)}</span>
        </label>
      ))}
    </fieldset>
  );
}

function ColourField({ value, onChange }: { value: string; onChange(c: string): void }) {
  const lang = useLang();
  return (
    <div class="field">
      <span class="field-label">{tv(lang, 'f.colour')}</span>
      <span class="sv-colour">
        <input
          type="color"
          class="sv-colour-pick"
          data-testid="service-colour-pick"
          aria-label={tv(lang, 'f.colour')}
          value={/^#[0-9a-f]{6}$/i.test(value) ? value : '#000000'}
          onInput={(e) => onChange(e.currentTarget.value)}
        />
        <input
          class="input ltr-num sv-colour-text"
          type="text"
          dir="ltr"
          maxLength={7}
          data-testid="service-colour"
          aria-label={tv(lang, 'f.colour')}
          value={value}
          onInput={(e) => onChange(e.currentTarget.value.trim())}
        />
      </span>
    </div>
  );
}

function ServiceDialog({ service, nextOrder, onDone, onClose }: { service: Service | null; nextOrder: number; onDone(text: string): void; onClose(): void }) {
  const lang = useLang();
  const start: ServiceFields = service
    ? fieldsOf(service)
    : {
        nameAr: '',
        nameEn: '',
        prefix: '',
        defaultDurationMin: 15,
        slotMinutes: 15,
        bookable: true,
        kioskVisible: true,
        sortOrder: nextOrder,
        icon: 'ticket',
        colour: '#1f6f8b',
        active: true,
        bringAr: '',
        bringEn: '',
      };
  const [f, setF] = useState<ServiceFields>(start);
  const set = <K extends keyof ServiceFields>(k: K, v: ServiceFields[K]) => setF((x) => ({ ...x, [k]: v }));
  const changes = service ? changed(start, f) : f;
  const nameOf = (s: { nameAr: string; nameEn: string }) => (lang === 'ar' ? s.nameAr : s.nameEn);
  return (
    <FormDialog
      testId="service-dialog"
      title={service ? tv(lang, 'services.editTitle', { name: nameOf(service) }) : tv(lang, 'services.create')}
      icon={<TicketIcon size="1.3em" />}
      submitLabel={service ? tv(lang, 'common.save') : tv(lang, 'services.createSubmit')}
      ready={Object.keys(changes).length > 0}
      wide
      run={async () => {
        const reply = service
          ? await call('services.update', validated(UpdateServiceBody, { id: service.id, ...changes }))
          : await call('services.create', validated(CreateServiceBody, f));
        return tv(lang, service ? 'services.saved' : 'services.created', { name: nameOf(reply.service) });
      }}
      onDone={onDone}
      onClose={onClose}
    >
      <div class="sv-pair">
        <TextInput label={tv(lang, 'f.nameAr')} testId="service-name-ar" dir="rtl" maxLength={120} value={f.nameAr} onInput={(v) => set('nameAr', v)} />
        <TextInput label={tv(lang, 'f.nameEn')} testId="service-name-en" dir="ltr" maxLength={120} value={f.nameEn} onInput={(v) => set('nameEn', v)} />
      </div>
      <div class="sv-grid">
        <TextInput
          label={tv(lang, 'f.prefix')}
          hint={tv(lang, 'services.prefixHint')}
          testId="service-prefix"
          dir="ltr"
          maxLength={1}
          value={f.prefix}
          onInput={(v) => set('prefix', v.toUpperCase())}
        />
        <ColourField value={f.colour} onChange={(c) => set('colour', c)} />
        <NumberInput
          label={tv(lang, 'f.defaultDurationMin')}
          testId="service-duration"
          min={1}
          max={240}
          unit={tv(lang, 'unit.minutes')}
          value={f.defaultDurationMin}
          onInput={(v) => set('defaultDurationMin', v)}
        />
        <NumberInput
          label={tv(lang, 'f.slotMinutes')}
          testId="service-slot"
          min={5}
          max={240}
          unit={tv(lang, 'unit.minutes')}
          value={f.slotMinutes}
          onInput={(v) => set('slotMinutes', v)}
        />
        <NumberInput
          label={tv(lang, 'f.sortOrder')}
          hint={tv(lang, 'services.orderHint')}
          testId="service-order"
          min={-1000}
          max={1000}
          value={f.sortOrder}
          onInput={(v) => set('sortOrder', v)}
        />
        <div class="sv-bring">
          <TextInput
            label={tv(lang, 'f.bringAr')}
            testId="service-bring-ar"
            dir="rtl"
            maxLength={500}
            rows={3}
            value={f.bringAr}
            onInput={(v) => set('bringAr', v)}
          />
          <TextInput
            label={tv(lang, 'f.bringEn')}
            testId="service-bring-en"
            dir="ltr"
            maxLength={500}
            rows={3}
            value={f.bringEn}
            onInput={(v) => set('bringEn', v)}
          />
        </div>
      </div>
      <IconChoice value={f.icon} onChange={(icon) => set('icon', icon)} />
      <div class="sv-checks-row">
        <CheckInput label={tv(lang, 'f.bookable')} testId="service-bookable" value={f.bookable} onInput={(v) => set('bookable', v)} />
        <CheckInput label={tv(lang, 'f.kioskVisible')} testId="service-kiosk" value={f.kioskVisible} onInput={(v) => set('kioskVisible', v)} />
        <CheckInput
          label={tv(lang, 'f.active')}
          hint={tv(lang, 'services.activeHint')}
          testId="service-active"
          value={f.active}
          onInput={(v) => set('active', v)}
        />
      </div>
    </FormDialog>
  );
}

function Yes({ on, testId }: { on: boolean; testId: string }) {
  const lang = useLang();
  return (
    <span class={`sv-yes${on ? '' : ' sv-no'}`} data-testid={testId} data-value={String(on)}>
      {tv(lang, on ? 'common.yes' : 'common.no')}
    </span>
  );
}

export function ServicesPage({ services, admin }: { services: Service[]; admin: boolean }) {
  const lang = useLang();
  const [dialog, setDialog] = useState<{ service: Service | null } | null>(null);
  const action = useAction();
  const nextOrder = Math.max(0, ...services.map((s) => s.sortOrder)) + 1;
  return (
    <section class="sv-page" data-testid="settings-services" aria-labelledby="services-title">
      <PageHead
        id="services-title"
        title={tv(lang, 'settings.services')}
        intro={tv(lang, 'settings.servicesIntro')}
        readOnly={admin ? null : tv(lang, 'settings.readOnly')}
      >
        {admin && (
          <button
            type="button"
            class="btn btn-primary"
            data-testid="service-create"
            onClick={() => {
              action.clear();
              setDialog({ service: null });
            }}
          >
            <TicketIcon size="1.3em" />
            {tv(lang, 'services.create')}
          </button>
        )}
      </PageHead>
      <ActionResult action={action} testId="services" />
      <table class="sv-table" data-testid="services-table">
        <thead>
          <tr>
            <th scope="col">{tv(lang, 'services.colService')}</th>
            <th scope="col">{tv(lang, 'f.prefix')}</th>
            <th scope="col">{tv(lang, 'services.colTimes')}</th>
            <th scope="col">{tv(lang, 'f.bookable')}</th>
            <th scope="col">{tv(lang, 'f.kioskVisible')}</th>
            <th scope="col">{tv(lang, 'f.sortOrder')}</th>
            <th scope="col">{tv(lang, 'users.colState')}</th>
            {admin && <th scope="col">{tv(lang, 'users.colActions')}</th>}
          </tr>
        </thead>
        <tbody>
          {services.map((s) => (
            <tr key={s.id} data-testid={`service-${s.id}`} class={s.active ? undefined : 'sv-row-off'}>
              <td>
                <span class="sv-service">
                  <span class="sv-swatch" style={{ background: s.colour }}>
                    <ServiceIcon name={s.icon} size="1.4em" />
                  </span>
                  <span class="sv-user">
                    <Pair ar={s.nameAr} en={s.nameEn} box="sv-names" />
                    <bdi class="sv-username" dir="ltr">
                      {s.id}
                    </bdi>
                  </span>
                </span>
              </td>
              <td>
                <span class="sv-prefix" dir="ltr">
                  {s.prefix}
                </span>
              </td>
              <td class="sv-nowrap">{tv(lang, 'services.times', { duration: s.defaultDurationMin, slot: s.slotMinutes })}</td>
              <td>
                <Yes on={s.bookable} testId="bookable" />
              </td>
              <td>
                <Yes on={s.kioskVisible} testId="kiosk" />
              </td>
              <td class="ltr-num">{s.sortOrder}</td>
              <td>
                {s.active ? (
                  <span class="sv-mark sv-mark-on">{tv(lang, 'common.active')}</span>
                ) : (
                  <span class="sv-mark sv-mark-off" data-mark="inactive">
                    {tv(lang, 'common.inactive')}
                  </span>
                )}
              </td>
              {admin && (
                <td>
                  <button
                    type="button"
                    class="btn btn-ghost btn-small"
                    data-testid={`service-edit-${s.id}`}
                    onClick={() => {
                      action.clear();
                      setDialog({ service: s });
                    }}
                  >
                    {tv(lang, 'users.edit')}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {dialog && (
        <ServiceDialog
          service={dialog.service}
          nextOrder={nextOrder}
          onClose={() => setDialog(null)}
          onDone={(text) => {
            setDialog(null);
            action.setDone(text);
          }}
        />
      )}
    </section>
  );
}
