/** The stylesheet: system fonts, generous targets, a visible focus ring, and one column on narrow screens. */
export const APP_CSS = `
*,*::before,*::after{box-sizing:border-box}
body{margin:0;font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:#1b1b1b;background:#fff}
a{color:#0b4f9c}
a:hover{color:#06305f}
:focus-visible{outline:3px solid #c2410c;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem}
.skip:focus{left:.5rem}
.banner{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;justify-content:space-between;padding:.75rem 1rem;background:#12325a;color:#fff}
.banner a{color:#fff}
.brand{margin:0;font-weight:600}
.town{font-weight:400;opacity:.9}
nav ul{display:flex;gap:1rem;list-style:none;margin:0;padding:0}
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
.badge{display:inline-block;padding:0 .5rem;border-radius:999px;font-size:.875rem;font-weight:600;border:1px solid}
.badge-deleted{color:#8a1111;background:#fdecec}
.badge-hidden{color:#5b3a00;background:#fff4d6}
.badge-edited{color:#123f6b;background:#e6f0fb}
.badge-live{color:#14532d;background:#e8f5ec}
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
`;
