// One small stylesheet, served as /assets/app.css (the CSP allows no inline style).
export const CSS = `
@font-face{font-family:"Sarabun";font-style:normal;font-weight:400;font-display:swap;src:url(/assets/sarabun-thai-400.woff2) format("woff2");unicode-range:U+0E01-0E5B,U+200C-200D,U+25CC}
@font-face{font-family:"Sarabun";font-style:normal;font-weight:700;font-display:swap;src:url(/assets/sarabun-thai-700.woff2) format("woff2");unicode-range:U+0E01-0E5B,U+200C-200D,U+25CC}
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:#f3f4f6;color:#1f2933;font-family:"Sarabun",system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans Thai","Leelawadee UI",sans-serif;font-size:1.0625rem;line-height:1.65}
a{color:#1d4e89;text-underline-offset:.15em}
a:hover{color:#0b2f5b}
:focus-visible{outline:3px solid #f0b429;outline-offset:2px}
.wrap{max-width:50rem;margin:0 auto;padding:0 1rem}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.75rem 1rem;z-index:10}
.skip:focus{left:1rem}
.site{background:#1d3f6e;color:#fff}
.site .wrap{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem;padding-top:.5rem;padding-bottom:.5rem}
.brand{color:#fff;font-weight:700;font-size:1.125rem;text-decoration:none;display:inline-block;padding:.5rem 0}
.brand:hover{color:#fff;text-decoration:underline}
.site nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem;margin:0;padding:0}
.site-menu{width:100%}
.site nav a[aria-current=page]{border-color:#fff;font-weight:700;text-decoration:underline;text-underline-offset:.3em}
.languages{margin-left:auto}
.languages ul{gap:0}
.languages li+li::before{content:"|";color:#9fb3c8;padding:0 .1rem;align-self:center}
.languages li{display:flex}
.languages span{display:inline-flex;align-items:center;min-height:44px;padding:.35rem .5rem;font-weight:700}
.menu-toggle{background:transparent;border:1px solid #9fb3c8;color:#fff;min-height:44px;padding:.35rem .75rem;font-weight:600}
.menu-toggle[aria-expanded=true]{background:#0b2f5b}
@media (max-width:44rem){.brand{font-size:1rem;padding:.25rem 0}.site .wrap{padding-top:.25rem;padding-bottom:.25rem}.site-menu ul{flex-direction:column;align-items:stretch}.site-menu a,.site-menu button{width:100%}}
.site nav a,.site nav button{display:inline-flex;align-items:center;min-height:44px;padding:.35rem .75rem;color:#fff;background:transparent;border:1px solid transparent;border-radius:6px;font:inherit;font-size:1rem;text-decoration:none;cursor:pointer}
.site nav a:hover,.site nav button:hover{border-color:#9fb3c8;color:#fff}
.site nav form{margin:0}
.who{font-size:.9rem;color:#d9e2ec;margin:0;width:100%}
main{display:block;background:#fff;margin:1rem auto;padding:1.25rem 1rem 1.75rem;border-radius:8px;max-width:50rem}
@media (min-width:40rem){main{padding:2rem 2.25rem}}
h1{font-size:1.5rem;line-height:1.35;margin:0 0 1rem}
h2{font-size:1.2rem;line-height:1.4;margin:2rem 0 .5rem}
h1 .en,h2 .en{display:block;font-size:.95rem;font-weight:400;color:#52606d;margin-top:.15rem}
.en-inline{color:#52606d}
p{margin:.5rem 0 1rem}
.hint{color:#52606d;font-size:.95rem;margin:.25rem 0 .5rem}
.small{font-size:.85rem;color:#52606d;overflow-wrap:anywhere}
label,legend{display:block;font-weight:600;margin:1.25rem 0 .35rem}
fieldset{border:0;margin:0;padding:0;min-width:0}
input,select,textarea{font:inherit;width:100%;min-height:48px;padding:.5rem .75rem;border:1px solid #7b8794;border-radius:6px;background:#fff;color:inherit}
textarea{min-height:6rem;resize:vertical}
input[type=checkbox],input[type=radio]{width:1.5rem;height:1.5rem;min-height:0;margin:.15rem 0 0;flex:none;accent-color:#1d4e89}
.check{display:flex;gap:.75rem;align-items:flex-start;font-weight:400;margin:.75rem 0;cursor:pointer}
.check.disabled{color:#7b8794;cursor:not-allowed}
button,.button{display:inline-flex;align-items:center;justify-content:center;font:inherit;font-weight:600;min-height:48px;padding:.6rem 1.25rem;border-radius:6px;border:2px solid #1d4e89;background:#1d4e89;color:#fff;cursor:pointer;text-decoration:none;text-align:center}
button:hover,.button:hover{background:#0b2f5b;border-color:#0b2f5b;color:#fff}
.secondary{background:#fff;color:#1d4e89}
.secondary:hover{background:#eef4fb;color:#0b2f5b}
.approve{background:#17643a;border-color:#17643a}
.approve:hover{background:#0f4a2a;border-color:#0f4a2a}
.reject,.danger{background:#fff;color:#a61b1b;border-color:#a61b1b}
.reject:hover,.danger:hover{background:#fdecec;color:#7a1010;border-color:#7a1010}
.actions{display:flex;flex-wrap:wrap;gap:.75rem;margin-top:1.25rem}
.decide button{flex:1 1 12rem;min-height:56px;font-size:1.125rem}
.notice{border-left:6px solid #1d4e89;background:#eef4fb;padding:.75rem 1rem;margin:1rem 0;border-radius:4px}
.notice.error{border-color:#a61b1b;background:#fdecec}
.notice.success{border-color:#17643a;background:#eaf6ee}
.notice p{margin:.25rem 0}
.box{border:2px solid #b88a00;background:#fff8e1;padding:1rem;border-radius:8px;margin:1rem 0}
.facts{display:grid;grid-template-columns:minmax(8rem,max-content) 1fr;gap:.35rem 1.25rem;margin:1rem 0}
.facts dt{font-weight:600;color:#3e4c59}
.facts dd{margin:0;overflow-wrap:anywhere;white-space:pre-line}
@media (max-width:36rem){.facts{grid-template-columns:1fr}.facts dd{margin-bottom:.6rem}}
.badge{display:inline-block;padding:.05rem .6rem;border-radius:999px;background:#e4e7eb;font-size:.9rem;font-weight:600}
.list{list-style:none;margin:0;padding:0}
.list>li{border:1px solid #d9e2ec;border-radius:8px;padding:1rem;margin:0 0 1rem}
.terms p{white-space:pre-line}
summary{cursor:pointer;padding:.6rem 0;min-height:44px;color:#1d4e89;font-weight:600}
.review{display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:0 1rem;border-top:1px solid #d9e2ec;margin-top:.5rem}
.review button{width:100%}
.table-wrap{overflow-x:auto;margin:1rem 0}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;padding:.6rem .5rem;border-bottom:1px solid #d9e2ec}
td form{margin:0 0 .5rem}
td select,td button{width:100%}
@media (max-width:44rem){
.stack thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.stack tr{display:block;border:1px solid #d9e2ec;border-radius:8px;margin-bottom:1rem;padding:.5rem}
.stack td{display:block;border:0;padding:.3rem .25rem}
.stack td::before{content:attr(data-label);display:block;font-size:.85rem;font-weight:600;color:#52606d}
}
code,.mono{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:.95em;overflow-wrap:anywhere}
.site-footer{color:#52606d;font-size:.9rem;padding:0 1rem 2rem}
.site-footer p{margin:.25rem 0}
[hidden]{display:none!important}
.vh{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
h3{font-size:1.05rem;line-height:1.4;margin:1.5rem 0 .5rem}
.list>li form{margin:.5rem 0 0}
.or{display:flex;align-items:center;gap:.75rem;color:#52606d;margin:2rem 0 .5rem}
.or::before,.or::after{content:"";flex:1;border-top:1px solid #d9e2ec}
.signin-options .button,.signin-options button{width:100%}
.field-error{color:#a61b1b;font-weight:600;margin:.25rem 0}
.error-summary{border:4px solid #a61b1b;padding:1rem 1.25rem;margin:0 0 1.5rem;border-radius:4px}
.error-summary:focus{outline:3px solid #f0b429;outline-offset:0}
.error-summary h2{margin:0 0 .5rem;font-size:1.15rem}
.error-summary ul{margin:0;padding-left:1.25rem}
.error-summary a{color:#a61b1b;font-weight:600}
[aria-invalid=true]{border:2px solid #a61b1b}
.pre-line{white-space:pre-line}
.tabs ul{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem;margin:1rem 0 0;padding:0;border-bottom:2px solid #d9e2ec}
.tabs a{display:inline-flex;align-items:center;min-height:44px;padding:.35rem .75rem;border-radius:6px 6px 0 0;text-decoration:none}
.tabs a[aria-current=page]{background:#1d4e89;color:#fff;font-weight:600}
.search{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end}
.search label{flex-basis:100%}
.search input[type=search]{flex:1 1 14rem;min-height:44px}
.pager{display:flex;gap:1rem;justify-content:space-between;margin:1rem 0}
.pager a{min-height:44px;display:inline-flex;align-items:center}
.counts{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(11rem,1fr));gap:.75rem}
.counts a{display:block;padding:1rem;background:#fff;border:1px solid #d9e2ec;border-radius:8px;text-decoration:none;min-height:44px}
.counts strong{display:block;font-size:1.75rem}
.badge.active,.badge.ok{background:#d3f0dd;color:#0e4a27}
.badge.waiting{background:#fff1c2;color:#6b4a00}
.badge.ended{background:#f6d3d3;color:#6e1212}
.support{margin:.5rem 0}
.badge.suspended{background:#fff1c2;color:#6b4a00}
.badge.revoked,.badge.superseded{background:#f6d3d3;color:#6e1212}
.consequences{border-left:6px solid #a61b1b;background:#fff;padding:.75rem 1rem;margin:1rem 0}
.event-list{list-style:none;padding:0}
.event-list li{background:#fff;border:1px solid #d9e2ec;border-radius:6px;padding:.5rem .75rem;margin:.5rem 0}
.actions-list{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.5rem}
main{overflow-wrap:anywhere}
.timeline{list-style:none;padding:0 0 0 .25rem;margin:1rem 0;border-left:3px solid #d9e2ec}
.timeline li{position:relative;padding:0 0 1rem 1.25rem}
.timeline li::before{content:"";position:absolute;left:-.6rem;top:.5rem;width:.85rem;height:.85rem;border-radius:50%;background:#1d4e89;border:2px solid #fff}
.timeline p{margin:0}
.timeline-when{font-size:.9rem;color:#52606d}
.timeline-what{font-weight:600}
.usage{margin:1rem 0;padding:.75rem;background:#fff;border:1px solid #d9e2ec;border-radius:8px}
.usage-chart{display:block;width:100%;max-width:36rem;height:auto}
.usage-chart .valid,.swatch.valid{fill:#1b7f3b;background:#1b7f3b}
.usage-chart .refused,.swatch.refused{fill:#b3261e;background:#b3261e}
.usage-chart .axis{stroke:#9aa5b1}
.usage-chart .label{font-size:11px;fill:#3e4c59}
.swatch{display:inline-block;width:.8rem;height:.8rem;border-radius:2px;vertical-align:middle}
`;
