// The plain-text part with its web links clickable: only http(s) URLs become links, the rest stays text
// (React escapes it), so an email cannot smuggle markup or javascript: links into the page.
const URL_PATTERN = /(https?:\/\/[^\s<>"]+)/g;

export function LinkedText({ text }: { text: string }) {
  const parts = text.split(URL_PATTERN);
  return (
    <pre className="overflow-x-auto rounded-lg bg-slate-50 p-4 text-sm whitespace-pre-wrap break-words">
      {parts.map((part, index) =>
        index % 2 === 1 ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts never reorder
          <a key={index} href={part} className="text-indigo-700 underline">
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </pre>
  );
}
