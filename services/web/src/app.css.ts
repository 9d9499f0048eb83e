/** The stylesheet: system fonts, generous targets, a visible focus ring, and one column on narrow screens. */
export const APP_CSS = `
*,*::before,*::after{box-sizing:border-box}
body{margin:0;font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:#1b1b1b;background:#fff}
a{color:#0b4f9c}
a:hover{color:#06305f}
:focus-visible{outline:3px solid #c2410c;outline-offset:2px}
input[type=date]:focus,input[type=date]:focus-within,input[type=datetime-local]:focus,input[type=datetime-local]:focus-within{outline:3px solid #c2410c;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem}
.skip:focus{left:.5rem}
.banner{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;justify-content:space-between;padding:.75rem 1rem;background:#12325a;color:#fff}
.banner a{color:#fff}
.brand{margin:0;font-weight:600}
.town{font-weight:400;opacity:.9}
nav ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;margin:0;padding:0}
.sign-out{display:flex;gap:.5rem;align-items:center}
main{max-width:60rem;margin:0 auto;padding:1rem}
.stack>*+*{margin-top:1rem}
.field{display:flex;flex-direction:column;gap:.25rem}
.row{display:flex;flex-wrap:wrap;gap:1rem}
label{font-weight:600}
.check{font-weight:400;margin-right:1rem;white-space:nowrap}
input,select,button{font:inherit;padding:.5rem;border:1px solid #555;border-radius:4px;min-height:2.75rem}
input[type=checkbox]{min-height:auto}
button{background:#0b4f9c;color:#fff;border-color:#0b4f9c;cursor:pointer}
.banner button{background:#fff;color:#12325a}
fieldset{border:1px solid #999;border-radius:4px}
.hint,.meta,.utc,.count{color:#4a4a4a}
.utc{font-size:.875rem}
.error{color:#8a1111;background:#fdecec;border-left:4px solid #8a1111;padding:.5rem}
.hits,.versions,.thread{padding-left:1.25rem}
.hit h3{margin-bottom:.25rem}
mark{background:#fde68a;color:inherit}
mark.redaction{background:#1f2937;color:#fff;text-decoration:line-through}
form.inline{display:inline;margin-left:.5rem}
.badge{display:inline-block;padding:0 .5rem;border-radius:999px;font-size:.875rem;font-weight:600;border:1px solid}
.badge-deleted{color:#8a1111;background:#fdecec}
.badge-hidden{color:#5b3a00;background:#fff4d6}
.badge-edited{color:#123f6b;background:#e6f0fb}
.badge-live{color:#14532d;background:#e8f5ec}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.ok{color:#14532d;background:#e8f5ec;border-left:4px solid #14532d;padding:.5rem}
button.secondary{background:#fff;color:#8a1111;border-color:#8a1111}
.bundles{padding-left:1.25rem}
progress{width:100%;max-width:30rem;height:1.25rem}
input[type=radio]{min-height:auto}
.items tbody th{white-space:normal;font-weight:400}
.items td{white-space:nowrap}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
.facts dt{font-weight:600}
.text{white-space:pre-wrap;overflow-wrap:anywhere}
code{overflow-wrap:anywhere}
a.button{display:inline-block;background:#0b4f9c;color:#fff;padding:.5rem 1rem;border-radius:4px;text-decoration:none}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%}
caption{text-align:left;color:#4a4a4a;padding:.25rem 0}
th,td{text-align:left;vertical-align:top;padding:.5rem;border-bottom:1px solid #ccc}
tbody th{white-space:nowrap}
textarea{font:inherit;padding:.5rem;border:1px solid #555;border-radius:4px;width:100%}
[aria-invalid=true]{border:2px solid #8a1111}
@media (max-width:40rem){.facts{grid-template-columns:1fr}.banner{flex-direction:column;align-items:flex-start}}
.search-filters{display:grid;grid-template-columns:repeat(auto-fit,minmax(15rem,1fr));gap:1rem;align-items:start}
.search-filters select,.add-to-request select{width:100%}
.choice-group{margin:0;min-width:0}
.choice-group .check{display:block;white-space:normal;margin:.25rem 0}
.dates .row>.field{flex:1 1 8rem}
details.help{border:1px solid #999;border-radius:4px;padding:.5rem .75rem}
details.help summary{cursor:pointer;font-weight:600}
kbd{font-family:ui-monospace,Menlo,Consolas,monospace;background:#f3f4f6;border:1px solid #999;border-radius:3px;padding:0 .25rem;overflow-wrap:anywhere}
a.clear{align-self:center}
.empty{border-left:4px solid #12325a;padding:.25rem .75rem;background:#f3f6fa}
.pager ul{display:flex;flex-wrap:wrap;gap:1rem;list-style:none;padding:0}
.pager [aria-current]{font-weight:600}
.pick{margin:.25rem 0}
.add-forms{display:grid;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));gap:1rem}
.add-forms form{border:1px solid #999;border-radius:4px;padding:1rem;min-width:0}
.add-forms h3{margin:0}
.side-by-side{display:grid;grid-template-columns:1fr 1fr;gap:1rem}
.side{border:1px solid #999;border-radius:4px;padding:.75rem;min-width:0}
.side h4{margin:0}
del{background:#fdecec;color:#8a1111;text-decoration:line-through}
ins{background:#e8f5ec;color:#14532d;text-decoration:underline}
.media{margin:0}
.media img{display:block;max-width:100%;height:auto;border:1px solid #999}
.attachments,.captures,.replies{padding-left:1.25rem}
.thread .self{margin-top:.5rem}
.excerpt{color:#4a4a4a;overflow-wrap:anywhere}
@media (max-width:40rem){.side-by-side{grid-template-columns:1fr}}
/* IT screens */
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(11rem,1fr));gap:1rem}
.tile{border:1px solid #ccc;border-radius:4px;padding:.75rem}
.tile h3{margin:0}
.big{font-size:2rem;font-weight:600;margin:.25rem 0}
.plain{list-style:none;margin:0;padding:0}
.bar-chart{display:block;width:100%;height:10rem;border-left:1px solid #555}
.bar-chart rect{fill:#0b4f9c}
.bar-chart .axis{stroke:#555;stroke-width:1}
.chart-axis{display:flex;justify-content:space-between;margin:.25rem 0 0;color:#4a4a4a;font-size:.875rem}
.notice{background:#e8f5ec;border-left:4px solid #14532d;padding:.5rem}
.empty{background:#f3f4f6;border-left:4px solid #555;padding:.5rem}
.trouble{border-left:4px solid #8a1111;padding-left:.75rem}
.job progress{width:100%;height:1.25rem}
summary{cursor:pointer;padding:.25rem 0}
.it-form select,.it-form input,.it-form textarea{max-width:100%}
.it-form fieldset{min-width:0}
.facts dd{min-width:0;overflow-wrap:anywhere}
`;
