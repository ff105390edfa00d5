// The same invoice layout as lib/documents/typst/document.typ, written for @react-pdf/renderer, so the
// engine comparison (bench/pdf/engines.ts) measures like against like. Bench-only: the app uses Typst.
import path from "node:path";
import { Document, Font, Page, StyleSheet, Text, View } from "@react-pdf/renderer";
import type { DocumentModel } from "../../lib/documents/model";

const FONTS = path.join(process.cwd(), "lib", "documents", "fonts");
Font.register({
  family: "Noto Sans",
  fonts: [
    { src: path.join(FONTS, "NotoSans-Regular.ttf") },
    { src: path.join(FONTS, "NotoSans-Bold.ttf"), fontWeight: "bold" },
  ],
});
Font.registerHyphenationCallback((word) => [word]);

const s = StyleSheet.create({
  page: { fontFamily: "Noto Sans", fontSize: 9.5, paddingHorizontal: 51, paddingTop: 51, paddingBottom: 62 },
  row: { flexDirection: "row" },
  label: { fontSize: 7.5, fontWeight: "bold", color: "#64748b", textTransform: "uppercase" },
  muted: { color: "#64748b" },
  bold: { fontWeight: "bold" },
  cell: { paddingVertical: 5, paddingHorizontal: 5, textAlign: "right" },
  footer: {
    position: "absolute",
    bottom: 28,
    left: 51,
    right: 51,
    fontSize: 7.5,
    color: "#64748b",
    flexDirection: "row",
    justifyContent: "space-between",
  },
});

export function ReactPdfInvoice({ model, conformance }: { model: DocumentModel; conformance?: "PDF/A-3b" }) {
  const [y, m, d] = model.createdOn.split("-").map(Number);
  const created = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
  return (
    <Document
      title={`${model.title} ${model.number}`}
      author={model.seller.name}
      creationDate={created}
      modificationDate={created}
      conformance={conformance}
      producer="bench"
      creator="bench"
    >
      <Page size="A4" style={s.page}>
        <View style={[s.row, { justifyContent: "space-between", marginBottom: 22 }]}>
          <Text style={{ fontSize: 15, fontWeight: "bold", color: model.brandColour }}>
            {model.seller.name}
          </Text>
          <View style={{ alignItems: "flex-end" }}>
            <Text style={{ fontSize: 18, fontWeight: "bold", color: model.brandColour }}>{model.title}</Text>
            <Text style={{ fontSize: 10 }}>{model.number}</Text>
          </View>
        </View>
        <View style={[s.row, { marginBottom: 17 }]}>
          <View style={{ flex: 1 }}>
            <Text style={s.label}>From</Text>
            <Text style={s.bold}>{model.seller.name}</Text>
            {model.seller.lines.map((l) => (
              <Text key={l} style={s.muted}>
                {l}
              </Text>
            ))}
          </View>
          <View style={{ flex: 1 }}>
            <Text style={s.label}>{model.buyer.heading}</Text>
            <Text style={s.bold}>{model.buyer.name}</Text>
            {model.buyer.lines.map((l) => (
              <Text key={l} style={s.muted}>
                {l}
              </Text>
            ))}
          </View>
        </View>
        <View style={[s.row, { marginBottom: 17 }]}>
          {model.meta.map((x) => (
            <View key={x.label} style={{ flex: 1 }}>
              <Text style={s.label}>{x.label}</Text>
              <Text style={s.bold}>{x.value}</Text>
            </View>
          ))}
        </View>
        <View fixed style={[s.row, { borderBottomWidth: 0.8, borderBottomColor: model.brandColour }]}>
          <Text style={[s.cell, s.bold, s.muted, { flex: 1, textAlign: "left" }]}>Description</Text>
          {["Qty", "Unit price", "Tax", "Amount"].map((h) => (
            <Text key={h} style={[s.cell, s.bold, s.muted, { width: 60 }]}>
              {h}
            </Text>
          ))}
        </View>
        {model.items
          .map((line, n) => ({ ...line, key: `line-${n}` }))
          .map((i) => (
            <View
              key={i.key}
              wrap={false}
              style={[s.row, { borderBottomWidth: 0.4, borderBottomColor: "#e2e8f0" }]}
            >
              <Text style={[s.cell, { flex: 1, textAlign: "left" }]}>{i.description}</Text>
              <Text style={[s.cell, { width: 60 }]}>{i.quantity}</Text>
              <Text style={[s.cell, { width: 60 }]}>{i.unitPrice}</Text>
              <Text style={[s.cell, { width: 60 }]}>{i.tax}</Text>
              <Text style={[s.cell, { width: 60 }]}>{i.amount}</Text>
            </View>
          ))}
        <View wrap={false} style={{ marginLeft: "auto", width: 212, marginTop: 11 }}>
          {model.totals.map((t) => (
            <View key={t.label} style={[s.row, { justifyContent: "space-between", paddingVertical: 3.5 }]}>
              <Text style={t.strong ? s.bold : s.muted}>{t.label}</Text>
              <Text style={t.strong ? s.bold : undefined}>{t.value}</Text>
            </View>
          ))}
        </View>
        {model.sections.map((x) => (
          <View key={x.heading} style={{ marginTop: 14 }}>
            <Text style={s.label}>{x.heading}</Text>
            <Text>{x.body}</Text>
          </View>
        ))}
        <View fixed style={s.footer}>
          <Text>{model.footer ?? ""}</Text>
          <Text
            render={({ pageNumber, totalPages }) =>
              `${model.title} ${model.number} · Page ${pageNumber} of ${totalPages}`
            }
          />
        </View>
      </Page>
    </Document>
  );
}
