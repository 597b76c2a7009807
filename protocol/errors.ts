// Every error code the hub, the engine and the screens use: its HTTP status and the words the
// screens show for it, Arabic first. A code missing here, or an entry without a status or a
// translation, fails the typecheck. Status 0: the failure never reached the hub (client side).

export interface ErrorEntry {
  readonly status: number;
  readonly ar: string;
  readonly en: string;
}

export const ERRORS = {
  // --- requests in general
  NOT_FOUND: { status: 404, ar: 'العنوان المطلوب غير موجود.', en: 'There is nothing at this address.' },
  BAD_REQUEST: { status: 400, ar: 'تعذّر فهم الطلب.', en: 'The request could not be understood.' },
  VALIDATION_FAILED: { status: 400, ar: 'تحقّق من البيانات المُدخلة.', en: 'Check what was entered.' },
  MALFORMED_JSON: { status: 400, ar: 'تعذّر فهم الطلب.', en: 'The request could not be understood.' },
  BODY_TOO_LARGE: { status: 413, ar: 'الطلب أكبر من المسموح.', en: 'The request is too large.' },
  INTERNAL: { status: 500, ar: 'حدث خطأ في النظام وسُجّل؛ حاول مرة أخرى.', en: 'Something went wrong in the hub (it has been logged); try again.' },
  REPLY_INVALID: {
    status: 500,
    ar: 'ردّ النظام لا يطابق العقد المتفق عليه، وقد سُجّل الخطأ.',
    en: 'The reply of the hub does not match its contract; it has been logged.',
  },
  UI_NOT_BUILT: { status: 503, ar: 'الشاشات غير جاهزة على هذا الجهاز بعد.', en: 'The screens are not built on this hub yet.' },
  RATE_LIMITED: { status: 429, ar: 'طلبات كثيرة خلال وقت قصير؛ انتظر لحظة ثم حاول.', en: 'Too many requests at once; wait a moment and try again.' },

  // --- who may do what
  UNAUTHENTICATED: { status: 401, ar: 'انتهت الجلسة؛ سجّل الدخول من جديد.', en: 'Your session ended; log in again.' },
  FORBIDDEN: { status: 403, ar: 'ليست لديك صلاحية لهذا الإجراء.', en: 'You are not allowed to do this.' },
  INVALID_CREDENTIALS: { status: 401, ar: 'اسم المستخدم أو كلمة المرور غير صحيحة.', en: 'Wrong username or password.' },
  INVALID_PAIRING_CODE: { status: 400, ar: 'رمز الربط غير صحيح أو انتهت صلاحيته.', en: 'The pairing code is wrong or has expired.' },
  WRONG_PIN: { status: 403, ar: 'الرمز السري غير صحيح.', en: 'Wrong PIN.' },
  DEVICE_NOT_FOUND: { status: 404, ar: 'هذا الجهاز غير مسجّل.', en: 'There is no such device.' },
  WRONG_ROLE: { status: 403, ar: 'هذه الشاشة لموظفي مركز الاتصال والمشرفين فقط.', en: 'This console is for call-center agents and supervisors only.' },

  // --- accounts, passwords and the first run
  WRONG_PASSWORD: { status: 403, ar: 'كلمة المرور الحالية غير صحيحة.', en: 'The current password is wrong.' },
  PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    ar: 'غيّر كلمة المرور المؤقتة أولًا، ثم تابع العمل.',
    en: 'Change the temporary password first, then carry on.',
  },
  PASSWORD_UNCHANGED: {
    status: 400,
    ar: 'كلمة المرور الجديدة هي الحالية نفسها؛ اختر كلمة مرور أخرى.',
    en: 'The new password is the current one; choose another.',
  },
  PASSWORD_TOO_SHORT: { status: 400, ar: 'كلمة المرور قصيرة: 10 أحرف على الأقل.', en: 'The password is too short: at least 10 characters.' },
  PASSWORD_IS_USERNAME: { status: 400, ar: 'لا يجوز أن تكون كلمة المرور اسمَ المستخدم أو تحتويه.', en: 'The password must not be or contain the username.' },
  PASSWORD_TOO_COMMON: {
    status: 400,
    ar: 'كلمة المرور هذه شائعة ويسهل تخمينها؛ اختر غيرها.',
    en: 'This password is common and easy to guess; choose another.',
  },
  USERNAME_TAKEN: { status: 409, ar: 'اسم المستخدم هذا مستخدم من قبل؛ اختر غيره.', en: 'This username is already taken; choose another.' },
  USER_NOT_FOUND: { status: 404, ar: 'لا يوجد مستخدم بهذا الرقم.', en: 'There is no such user.' },
  HOLIDAY_NOT_FOUND: { status: 404, ar: 'لا توجد عطلة أو إغلاق في هذا اليوم.', en: 'There is no holiday or closure on that day.' },
  LAST_ADMIN: {
    status: 409,
    ar: 'هذا آخر مشرف نظام مفعّل؛ لا يمكن تعطيله أو تغيير دوره.',
    en: 'This is the last enabled admin; it cannot be disabled or given another role.',
  },
  OWN_ACCOUNT: {
    status: 409,
    ar: 'لا يمكنك تعطيل حسابك أو تغيير دورك؛ يقوم بذلك مشرف نظام آخر.',
    en: 'You cannot disable your own account or change your own role; another admin can.',
  },
  SETUP_DONE: {
    status: 409,
    ar: 'تم إعداد هذه القاعة من قبل؛ سجّل الدخول بحساب مشرف النظام.',
    en: 'This hall is already set up; log in with an admin account.',
  },
  SETUP_TOKEN_INVALID: {
    status: 403,
    ar: 'رابط الإعداد غير صحيح أو قديم؛ افتح آخر رابط ظهر في سجل الخادم.',
    en: 'This setup link is wrong or out of date; open the latest link in the hub’s log.',
  },

  // --- counters
  UNKNOWN_COUNTER: { status: 404, ar: 'لا يوجد شباك بهذا الرقم.', en: 'There is no such counter.' },
  COUNTER_CLOSED: { status: 409, ar: 'الشباك مغلق.', en: 'The counter is closed.' },
  COUNTER_PAUSED: { status: 409, ar: 'الشباك متوقف مؤقتًا؛ استأنف العمل أولًا.', en: 'The counter is paused; resume first.' },
  COUNTER_NOT_PAUSED: { status: 409, ar: 'الشباك ليس متوقفًا.', en: 'The counter is not paused.' },
  COUNTER_BUSY: { status: 409, ar: 'الشباك مشغول بتذكرة حالية؛ أنهِها أو حوّلها أولًا.', en: 'This counter still holds a ticket; finish or transfer it first.' },
  COUNTER_TAKEN: { status: 409, ar: 'هذا الشباك مفتوح لدى مستخدم آخر.', en: 'This counter is already open by another user.' },
  USER_AT_OTHER_COUNTER: { status: 409, ar: 'لديك شباك آخر مفتوح بالفعل؛ أغلقه أولًا.', en: 'You already have another counter open; close it first.' },
  NOT_YOUR_COUNTER: { status: 403, ar: 'هذا الشباك ليس مفتوحًا باسمك.', en: 'This counter is not open under your login.' },

  // --- tickets and the queue
  QUEUE_EMPTY: { status: 409, ar: 'لا توجد تذاكر في الانتظار لهذا الشباك الآن.', en: 'No ticket is waiting for this counter right now.' },
  TICKET_NOT_CALLABLE: { status: 409, ar: 'لم تعد هذه التذكرة في الانتظار لهذا الشباك.', en: 'That ticket is no longer waiting for this counter.' },
  TICKET_NOT_FOUND: { status: 404, ar: 'لا توجد تذكرة بهذا الرابط.', en: 'There is no such ticket.' },
  NO_CURRENT_TICKET: { status: 409, ar: 'لا توجد تذكرة حالية على هذا الشباك.', en: 'This counter has no current ticket.' },
  INVALID_TICKET_STATE: { status: 409, ar: 'لا يمكن تنفيذ هذا الإجراء في حالة التذكرة الحالية.', en: 'This action does not fit the ticket’s current state.' },
  TRANSFER_TARGET_MISSING: { status: 400, ar: 'اختر خدمة أو شباكًا للتحويل.', en: 'Choose a service or a counter to transfer to.' },
  TRANSFER_TO_SELF: { status: 400, ar: 'لا يمكن تحويل التذكرة إلى الشباك نفسه.', en: 'A ticket cannot be transferred to the counter that holds it.' },
  REQUEST_REPEATED: { status: 409, ar: 'سبق إصدار تذكرة لهذا الطلب.', en: 'This request already issued a ticket.' },
  REQUEST_ID_REUSED: { status: 409, ar: 'استُخدم رقم هذا الطلب لطلب آخر؛ حاول مرة أخرى.', en: 'This request number was used for another request; try again.' },

  // --- the service day and services
  DAY_CLOSED: { status: 409, ar: 'انتهى يوم العمل؛ يجري الانتقال إلى اليوم الجديد.', en: 'The service day is over; the system is moving to the new day.' },
  NOT_A_NEW_DAY: { status: 409, ar: 'هذا اليوم ليس يومًا جديدًا.', en: 'That day is not a new day.' },
  UNKNOWN_SERVICE: { status: 404, ar: 'هذه الخدمة غير موجودة.', en: 'There is no such service.' },
  SERVICE_NOT_AVAILABLE: { status: 409, ar: 'لا يمكن إصدار تذكرة لهذه الخدمة الآن.', en: 'A ticket for this service cannot be issued right now.' },
  SERVICE_NOT_BOOKABLE: { status: 409, ar: 'هذه الخدمة لا تُحجز مسبقًا.', en: 'This service cannot be booked ahead.' },
  PREFIX_IN_USE: { status: 409, ar: 'هذا الحرف مستخدم لطابور آخر.', en: 'This prefix is already used by another queue.' },

  // --- appointments
  NO_APPOINTMENT_TODAY: { status: 404, ar: 'لا يوجد موعد اليوم بهذه البيانات.', en: 'There is no appointment for today with these details.' },
  ALREADY_CHECKED_IN: { status: 409, ar: 'سبق تسجيل الوصول لهذا الموعد.', en: 'This appointment is already checked in.' },
  APPOINTMENT_NOT_FOUND: { status: 404, ar: 'لا يوجد موعد بهذا الرقم.', en: 'There is no appointment with this reference.' },
  APPOINTMENT_NOT_ACTIVE: {
    status: 409,
    ar: 'لم يعد هذا الموعد قابلًا للتغيير (أُلغي أو حضر صاحبه أو تغيّر).',
    en: 'This appointment can no longer be changed (cancelled, checked in or moved).',
  },
  DUPLICATE_APPOINTMENT: { status: 409, ar: 'هذا الموعد مسجّل من قبل.', en: 'This appointment exists already.' },
  REFERENCE_MISTYPED: {
    status: 400,
    ar: 'رقم الحجز غير صحيح: غالبًا هناك خانة مكتوبة خطأ (آخر خانة للتحقق).',
    en: 'This booking reference is not right: a character is probably mistyped (the last one is a check character).',
  },
  SAME_SLOT: { status: 409, ar: 'الموعد الجديد هو نفس الموعد الحالي.', en: 'The new time is the same as the current one.' },
  SLOT_FULL: { status: 409, ar: 'هذا الموعد اكتمل حجزه للتو؛ اختر وقتًا آخر.', en: 'This slot was just fully booked; choose another time.' },
  ALREADY_BOOKED: {
    status: 409,
    ar: 'لدى المواطن موعد قائم لهذه الخدمة؛ غيّر موعده بدل حجز موعد جديد.',
    en: 'The citizen already has an appointment for this service; reschedule it instead of booking a new one.',
  },
  BEYOND_HORIZON: { status: 409, ar: 'هذا اليوم أبعد من المدة المسموح الحجز فيها.', en: 'That day is further ahead than bookings are open.' },
  SLOT_IN_PAST: { status: 409, ar: 'بدأ هذا الوقت بالفعل؛ اختر وقتًا لاحقًا.', en: 'That time has already started; choose a later one.' },
  SLOT_CLOSED: {
    status: 409,
    ar: 'لا تُستقبل مواعيد في هذا اليوم أو الوقت (عطلة أو إغلاق).',
    en: 'No appointments are taken on that day or at that time (holiday or closure).',
  },
  SLOT_DAY_MISMATCH: { status: 400, ar: 'هذا الوقت لا يقع في اليوم المختار.', en: 'That time does not fall on the chosen day.' },
  NOT_ON_GRID: { status: 400, ar: 'هذا الوقت ليس بداية موعد لهذه الخدمة.', en: 'That time is not the start of a slot for this service.' },

  // --- citizens and imports
  CITIZEN_NOT_FOUND: { status: 404, ar: 'لا يوجد سجل بهذا الرقم الشخصي.', en: 'There is no record with this CPR.' },
  BIRTH_DATE_IN_FUTURE: { status: 400, ar: 'تاريخ الميلاد بعد اليوم.', en: 'The date of birth is after today.' },
  FAMILY_MEMBER_EXISTS: { status: 409, ar: 'هذا الرقم الشخصي مسجّل في الأسرة من قبل.', en: 'This CPR is already in the family.' },
  FAMILY_MEMBER_IS_CITIZEN: {
    status: 400,
    ar: 'لا يكون الرقم الشخصي لفرد الأسرة هو رقم المواطن نفسه.',
    en: "A family member's CPR cannot be the citizen's own.",
  },
  IMPORT_BAD_FILE: { status: 400, ar: 'تعذّرت قراءة الملف؛ تحقّق من صيغته.', en: 'The file could not be read; check its format.' },
  IMPORT_TOO_LARGE: { status: 413, ar: 'الملف أكبر من المسموح.', en: 'The file is too large.' },

  // --- printers (print outcomes: the ticket is valid either way)
  NO_PRINTER: { status: 404, ar: 'لا توجد طابعة مربوطة بهذا الجهاز.', en: 'No printer is bound to this device.' },
  PAPER_OUT: { status: 503, ar: 'نفد الورق من طابعة التذاكر.', en: 'The ticket printer is out of paper.' },
  COVER_OPEN: { status: 503, ar: 'غطاء طابعة التذاكر مفتوح.', en: 'The ticket printer cover is open.' },
  OFFLINE: { status: 503, ar: 'تعذّر الوصول إلى طابعة التذاكر.', en: 'The ticket printer is not reachable.' },
  NOT_PRINTED: { status: 409, ar: 'هذه التذكرة من يوم سابق ولم تُطبع من جديد.', en: 'This ticket is from an earlier day; it was not printed again.' },

  // --- the hall's set-up (admin)
  SERVICE_EXISTS: { status: 409, ar: 'توجد خدمة بهذا المعرّف من قبل.', en: 'A service with this id exists already.' },
  COUNTER_EXISTS: { status: 409, ar: 'يوجد شباك بهذا الرقم من قبل.', en: 'A counter with this number exists already.' },
  COUNTER_INACTIVE: { status: 409, ar: 'هذا الشباك خارج الخدمة.', en: 'This counter is out of use.' },
  COUNTER_IN_USE: {
    status: 409,
    ar: 'الشباك مفتوح الآن؛ أغلقه قبل إخراجه من الخدمة.',
    en: 'The counter is open now; close it before taking it out of use.',
  },
  // --- the supervisor's live hall
  DAY_ENDED: {
    status: 409,
    ar: 'أنهى المشرف يوم العمل مبكرًا؛ لا تُصدر تذاكر جديدة حتى افتتاح اليوم التالي.',
    en: 'The supervisor ended the service day early; no new tickets until the next day opens.',
  },
  COUNTER_OUT_OF_SERVICE: {
    status: 409,
    ar: 'هذا الشباك خارج الخدمة اليوم؛ يعيده المشرف إلى الخدمة.',
    en: 'This counter is out of service today; a supervisor can restore it.',
  },
  COUNTER_IN_SERVICE: { status: 409, ar: 'هذا الشباك ليس خارج الخدمة.', en: 'This counter is not out of service.' },
  UNKNOWN_TICKET: { status: 404, ar: 'لا توجد تذكرة بهذا الرقم اليوم.', en: 'There is no such ticket today.' },
  TICKET_NOT_WAITING: {
    status: 409,
    ar: 'لم تعد هذه التذكرة في الانتظار؛ تُنقل أو تُلغى التذاكر المنتظرة فقط.',
    en: 'This ticket is no longer waiting; only waiting tickets can be moved or cancelled.',
  },
  TICKER_NOT_FOUND: { status: 404, ar: 'لا توجد رسالة بهذا الرقم في الشريط.', en: 'There is no such ticker message.' },
  TICKER_EXPIRY_PAST: { status: 400, ar: 'وقت انتهاء الرسالة قد مضى؛ اختر وقتًا لاحقًا.', en: 'That expiry time has passed; choose a later one.' },
  TICKER_FULL: {
    status: 409,
    ar: 'بلغ عدد رسائل الشريط المعروضة الحد الأقصى؛ احذف رسالة أولًا.',
    en: 'The ticker already shows as many messages as it can; remove one first.',
  },

  // --- the rollout switch
  ROLLOUT_NOT_FOUND: { status: 404, ar: 'لا توجد خطة تعميم بهذا الرقم.', en: 'There is no such rollout plan.' },
  ROLLOUT_DAY_PAST: { status: 409, ar: 'هذا اليوم مضى؛ اختر اليوم أو يومًا لاحقًا.', en: 'That day has passed; choose today or a later day.' },
  ROLLOUT_OUTSIDE_HOURS: {
    status: 409,
    ar: 'هذه الساعات خارج ساعات عمل القاعة في أحد الأيام المختارة.',
    en: 'These hours fall outside the hall’s opening hours on one of the chosen days.',
  },
  ROLLOUT_DAY_TAKEN: {
    status: 409,
    ar: 'توجد خطة تعميم مؤكدة تبدأ في هذا اليوم؛ ألغِها أولًا أو اختر يومًا آخر.',
    en: 'A confirmed rollout already starts on that day; cancel it first or choose another day.',
  },
  ROLLOUT_NOT_DRAFT: {
    status: 409,
    ar: 'تُؤكَّد المسودات فقط؛ هذه الخطة أُكّدت أو نُفّذت أو أُلغيت من قبل.',
    en: 'Only a draft can be confirmed; this plan was already confirmed, applied or cancelled.',
  },
  ROLLOUT_NOT_CANCELLABLE: {
    status: 409,
    ar: 'نُفّذت هذه الخطة أو أُلغيت من قبل؛ غيّر أوضاع الشبابيك وجدول المواعيد مباشرة.',
    en: 'This plan was already applied or cancelled; change the counters’ modes and the schedule directly.',
  },
  WHATIF_BUSY: {
    status: 409,
    ar: 'تجري محاكاة أخرى الآن؛ حاول مرة أخرى بعد انتهائها.',
    en: 'Another what-if is running; try again when it is done.',
  },
  WHATIF_FAILED: {
    status: 503,
    ar: 'تعذّر إكمال المحاكاة هذه المرة؛ حاول مرة أخرى بعد قليل.',
    en: 'The what-if could not be completed this time; try again in a moment.',
  },

  // --- the counter terminal (issue 12): details of the refusal in `details` (protocol/api.ts)
  WALKINS_HELD: {
    status: 409,
    ar: 'زر «التالي» ينتظر موعدًا محجوزًا قريبًا، فلا ينادي المراجعين بدون موعد الآن؛ يمكنك نداء أحدهم من القائمة.',
    en: '“Call next” is waiting for a booking due soon, so it does not call walk-ins now; you can call one from the list.',
  },

  // --- the screens' own failures (the hub was never reached, or answered nonsense)
  NETWORK: { status: 0, ar: 'تعذّر الوصول إلى النظام؛ تحقّق من الشبكة ثم حاول.', en: 'The hub cannot be reached; check the network and try again.' },
  TIMEOUT: { status: 0, ar: 'لم يرد النظام في الوقت المحدد؛ حاول مرة أخرى.', en: 'The hub did not answer in time; try again.' },
  ABORTED: { status: 0, ar: 'أُلغي الطلب.', en: 'The request was cancelled.' },
  BAD_RESPONSE: { status: 0, ar: 'وصل رد غير مفهوم من النظام؛ حاول مرة أخرى.', en: 'The hub answered with something unreadable; try again.' },

  // --- printing a citizen's ticket again at the kiosk (the same ticket, never a new number)
  NO_TICKET_TO_REPRINT: {
    status: 404,
    ar: 'لا توجد تذكرة قائمة اليوم بهذه البيانات لطباعتها مرة أخرى.',
    en: 'There is no open ticket today with these details to print again.',
  },

  // --- storage faults (disk full, a read-only file, a lock held elsewhere): nothing was saved, reads go on
  STORAGE_UNAVAILABLE: {
    status: 503,
    ar: 'تعذّر الحفظ في قاعدة بيانات النظام الآن، فلم يُنفَّذ الإجراء؛ حاول بعد قليل، وأبلغ المشرف إن تكرّر.',
    en: 'The hub cannot save to its database right now, so nothing was done; try again shortly and tell a supervisor if it keeps happening.',
  },

  // --- login throttling (issue 13): `details.retryAfterSeconds` says how long to wait
  LOGIN_THROTTLED: {
    status: 429,
    ar: 'محاولات خاطئة كثيرة؛ انتظر قليلًا ثم حاول مرة أخرى.',
    en: 'Too many wrong tries; wait a little, then try again.',
  },

  // --- a browser request from a page that is not the hub's own (CSRF defence, server/origin.ts)
  BAD_ORIGIN: {
    status: 403,
    ar: 'رُفض الطلب لأنه صادر من صفحة ليست من هذا النظام؛ افتح الشاشة من عنوان النظام نفسه.',
    en: 'Refused: the request came from a page that is not this hub’s; open the screen from the hub’s own address.',
  },

  // --- the citizen's feedback after service (the status page)
  FEEDBACK_NOT_YET: {
    status: 409,
    ar: 'يمكنك تقييم الخدمة بعد انتهائها.',
    en: 'You can rate the service once it is finished.',
  },
  FEEDBACK_ALREADY_GIVEN: {
    status: 409,
    ar: 'سبق أن قيّمت هذه الخدمة، شكرًا لك.',
    en: 'You have already rated this service; thank you.',
  },

  // --- the citizen's appointment page (/a/<token>)
  APPOINTMENT_LINK_INVALID: {
    status: 404,
    ar: 'رابط الموعد هذا غير صحيح؛ افتح الرابط كما وصلك في الرسالة النصية، أو اتصل بالخط الساخن للحجز.',
    en: 'This appointment link is not valid; open the link exactly as it came in the SMS, or call the booking hotline.',
  },

  // --- a rollout's bookings without a seat, moved or cancelled by the hall
  ROLLOUT_NOT_CONFIRMED: {
    status: 409,
    ar: 'هذه الخطة لم تُعتمد قط، فلم تُفقد أي حجز مقعده؛ لا شيء لنقله.',
    en: 'This plan was never confirmed, so it took no booking’s seat; there is nothing to move.',
  },
} as const satisfies Record<string, ErrorEntry>;

export type ErrorCode = keyof typeof ERRORS;

export const isErrorCode = (code: string): code is ErrorCode => Object.hasOwn(ERRORS, code);

/** The HTTP status of a code. */
export const errorStatus = (code: ErrorCode): number => ERRORS[code].status;

/** The words a screen shows for a code, or null for a code not in the table (e.g. HTTP_502). */
export function errorWords(lang: 'ar' | 'en', code: string): string | null {
  return isErrorCode(code) ? ERRORS[code][lang] : null;
}
