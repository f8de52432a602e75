/** Renaming a draft item in place: double-click its title in the tree, type, Enter (Escape cancels). */
import { Input, type InputRef } from 'antd';
import { createContext, useContext, useEffect, useRef } from 'react';
import { useI18n } from '../../i18n/index.ts';

function RenameInput({ title, onDone }: { title: string; onDone(title: string | null): void }) {
  const ref = useRef<InputRef>(null);
  const finished = useRef(false);
  const { t } = useI18n();
  useEffect(() => {
    ref.current?.focus({ cursor: 'all' });
  }, []);
  // Enter, Escape and the blur that follows them must end the edit once, or a second rename would meet a stale version.
  const done = (value: string | null) => {
    if (finished.current) return;
    finished.current = true;
    onDone(value);
  };
  // Keys and clicks stay in the field: the tree would otherwise take them for navigation, selection or dragging.
  const stop = (e: { stopPropagation(): void }) => e.stopPropagation();
  return (
    <Input
      ref={ref}
      size="small"
      defaultValue={title}
      maxLength={500}
      aria-label={t('intake.action.rename')}
      onClick={stop}
      onMouseDown={stop}
      onDoubleClick={stop}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Escape') done(null);
      }}
      onPressEnter={(e) => done(e.currentTarget.value)}
      onBlur={(e) => done(e.currentTarget.value)}
      style={{ width: 'min(100%, 28em)' }}
    />
  );
}

export interface Renaming {
  id: string | null;
  start(id: string): void;
  done(id: string, title: string | null): void;
}

/** Which title is being renamed: a context, so that opening the field does not rebuild the whole tree. */
export const RenamingContext = createContext<Renaming>({ id: null, start: () => {}, done: () => {} });

export function RenamableTitle({ id, title }: { id: string; title: string }) {
  const renaming = useContext(RenamingContext);
  if (renaming.id === id) return <RenameInput title={title} onDone={(value) => renaming.done(id, value)} />;
  return <span onDoubleClick={() => renaming.start(id)}>{title}</span>;
}
