import Taro from '@tarojs/taro';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { FieldErrors } from '../../types/validation';
import { BackendError, isStale, ServerFaultError } from '../services/backend';
import { clearDraft, loadDraft, saveDraft } from '../services/drafts';
import { scrollToFirstError } from '../services/navigation';
import { showToastAcrossNavigation, toastError } from '../services/toast';
import type { WriteResult } from '../services/sync';

export type Checked<I> = { ok: true; input: I } | { ok: false; errors: FieldErrors };

interface Options<F, I> {
  /** Where the draft is kept: 'training:new', 'person:<id>', … */
  draftName: string;
  /** The form when there is no draft; undefined while what it needs is still loading. */
  load?: () => F | Promise<F>;
  check: (form: F) => Checked<I>;
  /** A schema field whose message belongs next to another form field (amountFen → amountYuan). */
  shownAt?: Partial<Record<string, keyof F & string>>;
  /** Touching one field also shows another's message (a date pair judged together). */
  reveals?: Partial<Record<keyof F & string, keyof F & string>>;
}

/**
 * A form whose content is kept as a draft while the user types (closing the app loses
 * nothing), whose messages show once a field was touched or a submit was tried, and
 * whose submit shows the back end's refusal next to the fields it names.
 */
export function useDraftForm<F extends object, I>({ draftName, load, check, shownAt = {}, reveals = {} }: Options<F, I>) {
  const [form, setForm] = useState<F>();
  const [restored, setRestored] = useState(false);
  const [loadError, setLoadError] = useState<string>();
  /** The load was refused (not found, no right to it): asking again answers the same. */
  const [loadRefused, setLoadRefused] = useState(false);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  /** The last submit met a server fault: what to tell the user, shown with 重试 until a save goes through or the form changes. */
  const [fault, setFault] = useState<string>();
  const loading = useRef(false);
  const inFlight = useRef(false);
  const lastSave = useRef<(input: I) => Promise<boolean>>();

  useEffect(() => {
    if (form || !load || loading.current || loadError) return;
    const draft = loadDraft<F>(draftName);
    if (draft) {
      setForm(draft);
      setRestored(true);
      return;
    }
    loading.current = true;
    Promise.resolve()
      .then(load)
      .then(setForm, (err: Error) => {
        setLoadError(err.message);
        setLoadRefused(err instanceof BackendError);
      })
      .finally(() => {
        loading.current = false;
      });
  }, [form, load, draftName, loadError]);

  useEffect(() => {
    if (form && touched.size) saveDraft(draftName, form);
  }, [form, touched, draftName]);

  const checked = useMemo(() => (form ? check(form) : undefined), [form, check]);
  const toFormFields = (fields: FieldErrors): FieldErrors =>
    Object.fromEntries(Object.entries(fields).map(([k, m]) => [shownAt[k] ?? k, m]));
  const errors = checked && !checked.ok ? toFormFields(checked.errors) : {};

  const set = <K extends keyof F & string>(key: K, value: F[K]) => {
    setForm((f) => (f ? { ...f, [key]: value } : f));
    setTouched((t) => new Set(t).add(key));
    setServerErrors({});
    setFault(undefined);
  };

  const wasTouched = (key: keyof F & string) =>
    touched.has(key) || Object.entries(reveals).some(([from, to]) => to === key && touched.has(from));
  const errorOf = (key: keyof F & string): string | undefined =>
    serverErrors[key] ?? (submitted || wasTouched(key) ? errors[key] : undefined);

  const startOver = () => {
    clearDraft(draftName);
    setRestored(false);
    setForm(undefined);
    setTouched(new Set());
    setSubmitted(false);
  };

  /**
   * Checks, then runs `save`; `save` answers whether the form is done with (its draft is
   * then dropped) or stays open (e.g. to offer a likely duplicate).
   */
  const submit = async (save: (input: I) => Promise<boolean>) => {
    // A second tap before the first save answers is the same submit, not another.
    if (inFlight.current) return;
    if (!checked || !checked.ok) {
      setSubmitted(true);
      Taro.showToast({ title: '请检查标红的项', icon: 'none' });
      scrollToFirstError();
      return;
    }
    inFlight.current = true;
    lastSave.current = save;
    setSaving(true);
    setFault(undefined);
    try {
      if (await save(checked.input)) clearDraft(draftName);
    } catch (err) {
      if (err instanceof ServerFaultError) {
        // Not saved, but kept in the outbox, which sends it again: a draft too would come back
        // as a second copy of a case that may land meanwhile.
        clearDraft(draftName);
        setFault(err.message);
        return;
      }
      if (isStale(err)) {
        // Someone saved in between: this draft edits an old version and would be refused forever.
        startOver();
        Taro.showToast({ title: '已被他人修改,已载入最新内容,请重新修改', icon: 'none', duration: 3000 });
        return;
      }
      if (err instanceof BackendError && err.error.fields) {
        setServerErrors(toFormFields(err.error.fields));
        scrollToFirstError();
      }
      toastError(err);
    } finally {
      inFlight.current = false;
      setSaving(false);
    }
  };

  /** After a load that got no answer or met a fault: try again (nothing to offer after a refusal). */
  const retry = loadError && !loadRefused ? () => setLoadError(undefined) : undefined;
  /** After a server fault: the same save again (same record id, so it is stored once however often it goes). */
  const retrySave = () => (lastSave.current ? submit(lastSave.current) : Promise.resolve());

  return { form, set, errorOf, restored, startOver, submit, saving, loadError, retry, fault, retrySave };
}

/**
 * What the user hears after a save: stored, or waiting on the phone for the network.
 * Every form leaves its page right after, so the toast is carried over to the next one.
 */
export function toastSaved(result: WriteResult<unknown>): void {
  showToastAcrossNavigation(
    result.outcome === 'sent'
      ? { title: '已保存', icon: 'success' }
      : result.timeout
        ? { title: '网络不畅:已存入待上传,稍后自动上传', icon: 'none', duration: 3000 }
        : { title: '网络不可用:已存入待上传,联网后自动上传', icon: 'none', duration: 3000 },
  );
}
