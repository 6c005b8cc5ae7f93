// The form view: a panel of labelled inputs for the common knobs (knob-form.ts). Editing an input
// rewrites the experiment's text through `write`; `show` re-reads the values from the text, and
// leaves the input being typed into alone.
import { knobGroups, MODES, setKnob, type KnobField } from './knob-form.js';

export interface FormView {
  /** Shows the knobs of this text. */
  show(text: string): void;
}

export function formView(panel: HTMLElement, read: () => string, write: (text: string) => void): FormView {
  let shape = '';
  const inputs = new Map<string, HTMLInputElement | HTMLSelectElement>();

  function input(f: KnobField): HTMLInputElement | HTMLSelectElement {
    let el: HTMLInputElement | HTMLSelectElement;
    if (f.kind === 'mode') {
      const select = document.createElement('select');
      select.add(new Option(f.hint === '' ? '' : `(${f.hint})`, ''));
      for (const m of MODES) select.add(new Option(m, m));
      el = select;
    } else {
      const box = document.createElement('input');
      box.type = f.kind === 'number' ? 'number' : 'text';
      box.size = 8;
      if (f.hint !== '') box.placeholder = f.hint;
      el = box;
    }
    el.id = f.id;
    el.value = f.value;
    el.addEventListener(f.kind === 'mode' ? 'change' : 'input', () => write(setKnob(read(), f.path, el.value)));
    return el;
  }

  return {
    show(text: string): void {
      const groups = knobGroups(text);
      const next = groups.map((g) => `${g.title}:${g.fields.map((f) => f.id).join(',')}`).join(';');
      if (next !== shape) {
        shape = next;
        inputs.clear();
        panel.replaceChildren(
          ...groups.map((g) => {
            const set = document.createElement('fieldset');
            const legend = document.createElement('legend');
            legend.textContent = g.title;
            set.append(legend);
            for (const f of g.fields) {
              const label = document.createElement('label');
              const el = input(f);
              inputs.set(f.id, el);
              label.append(`${f.label} `, el);
              set.append(label);
            }
            return set;
          }),
        );
        panel.hidden = groups.length === 0;
        return;
      }
      for (const g of groups) {
        for (const f of g.fields) {
          const el = inputs.get(f.id);
          if (el && el !== document.activeElement && el.value !== f.value) el.value = f.value;
        }
      }
    },
  };
}
