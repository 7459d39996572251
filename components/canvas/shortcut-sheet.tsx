"use client";

import { Dialog } from "./ui";

export const SHORTCUTS: { keys: string[]; what: string }[] = [
  { keys: ["Mod", "Z"], what: "Undo" },
  { keys: ["Shift", "Mod", "Z"], what: "Redo (also Mod+Y)" },
  { keys: ["Mod", "C"], what: "Copy the selection (as flow JSON)" },
  { keys: ["Mod", "X"], what: "Cut the selection" },
  { keys: ["Mod", "V"], what: "Paste nodes (from this or another flow)" },
  { keys: ["Mod", "D"], what: "Duplicate the selection" },
  { keys: ["Mod", "A"], what: "Select everything" },
  { keys: ["Delete"], what: "Delete the selection (also Backspace)" },
  { keys: ["Mod", "S"], what: "Save now" },
  { keys: ["Mod", "Enter"], what: "Run the flow" },
  { keys: ["Shift", "L"], what: "Auto-layout" },
  { keys: ["Shift", "F"], what: "Fit the flow in view" },
  { keys: ["Shift", "N"], what: "Add a sticky note" },
  { keys: ["Mod", "G"], what: "Group the selected nodes" },
  { keys: ["Shift", "Click"], what: "Add to the selection; Shift+drag selects an area" },
  { keys: ["Esc"], what: "Clear the selection / close a panel" },
  { keys: ["?"], what: "This sheet" },
];

export function ShortcutSheet({ onClose, mac }: { onClose: () => void; mac: boolean }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose}>
      <table className="w-full text-sm">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.what} className="border-b border-zinc-100 last:border-0">
              <td className="py-1.5 pr-4 whitespace-nowrap">
                {s.keys.map((k) => (
                  <kbd
                    key={k}
                    className="mr-1 rounded border border-zinc-300 bg-zinc-50 px-1.5 py-0.5 font-mono text-xs text-zinc-700 shadow-[0_1px_0_#d4d4d8]"
                  >
                    {k === "Mod" ? (mac ? "⌘" : "Ctrl") : k}
                  </kbd>
                ))}
              </td>
              <td className="py-1.5 text-zinc-700">{s.what}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
