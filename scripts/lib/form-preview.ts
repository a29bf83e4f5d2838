/**
 * form.html: the generated Google Form as a reader would walk through it — its sections, questions, help
 * text, choices, which answers are required, and where each branching choice leads — so a DSL or a
 * reviewer can read the form without a Google account. Every text from the form is escaped.
 */
import { describeValidation } from '../../emulator/forms/validation';
import {
  pagesOf,
  type FormState,
  type ItemState,
  type Navigation,
  type Page,
} from '../../emulator/forms/model';
import { escapeHtml, escapeHtmlMultiline } from '../../src/domain/html';

const TYPE_NAMES: Record<string, string> = {
  CHECKBOX: 'Tick boxes',
  DATE: 'Date',
  DATETIME: 'Date and time',
  LIST: 'Drop-down list',
  MULTIPLE_CHOICE: 'Multiple choice (one answer)',
  PARAGRAPH_TEXT: 'Long answer',
  TEXT: 'Short answer',
  TIME: 'Time',
};

function sectionLabel(page: Page): string {
  return page.breakItem ? `Section ${page.index + 1}: ${page.breakItem.title}` : `Section 1`;
}

/** Words for a navigation: "Go to Section 2: …", "Submit the form", "Continue to the next section". */
function navigationText(nav: Navigation, pages: Page[]): string {
  switch (nav.type) {
    case 'SUBMIT':
      return 'Submit the form';
    case 'RESTART':
      return 'Go back to the start of the form';
    case 'CONTINUE':
      return 'Continue to the next section';
    case 'GO_TO_PAGE': {
      const page = pages.find((p) => p.breakItem?.id === nav.pageId);
      return page ? `Go to ${sectionLabel(page)}` : 'Continue to the next section';
    }
  }
}

/** Where a respondent goes after finishing `page` when no choice decided (the next break's setting). */
function afterPage(page: Page, pages: Page[]): string {
  const next = pages[page.index + 1];
  if (!next?.breakItem) return 'Submit the form';
  const nav = next.breakItem.goTo;
  if (nav.type === 'CONTINUE') return `Continue to ${sectionLabel(next)}`;
  return navigationText(nav, pages);
}

function anchor(page: Page): string {
  return `section-${page.index + 1}`;
}

function renderItem(item: ItemState, pages: Page[]): string {
  if (item.type === 'SECTION_HEADER') {
    return `<div class="header-item"><h3>${escapeHtml(item.title)}</h3>${item.helpText ? `<p class="help">${escapeHtmlMultiline(item.helpText)}</p>` : ''}</div>`;
  }
  const parts: string[] = [];
  parts.push(
    `<div class="item" id="item-${item.id}"><div class="title">${escapeHtml(item.title)}${item.required ? ' <span class="required" title="Required">*</span>' : ''}</div>`,
  );
  if (item.helpText) parts.push(`<p class="help">${escapeHtmlMultiline(item.helpText)}</p>`);
  const notes = [TYPE_NAMES[item.type] ?? item.type];
  if (item.validation) notes.push(describeValidation(item.validation));
  parts.push(`<div class="kind">${escapeHtml(notes.join(' · '))}</div>`);
  const mark = item.type === 'CHECKBOX' ? '☐' : item.type === 'LIST' ? '▸' : '◯';
  switch (item.type) {
    case 'CHECKBOX':
    case 'MULTIPLE_CHOICE':
    case 'LIST': {
      const lines = item.choices.map((c) => {
        const branch = c.navigation
          ? ` <span class="branch">→ ${escapeHtml(navigationText(c.navigation, pages))}</span>`
          : '';
        return `<li><span class="mark">${mark}</span> ${escapeHtml(c.value)}${branch}</li>`;
      });
      if (item.otherOption)
        lines.push(`<li><span class="mark">${mark}</span> Other: <span class="blank"></span></li>`);
      parts.push(`<ul class="choices">${lines.join('')}</ul>`);
      break;
    }
    case 'PARAGRAPH_TEXT':
      parts.push('<div class="answer long"></div>');
      break;
    case 'DATETIME':
      parts.push('<div class="answer short">dd/mm/yyyy, hh:mm</div>');
      break;
    case 'DATE':
      parts.push('<div class="answer short">dd/mm/yyyy</div>');
      break;
    case 'TIME':
      parts.push('<div class="answer short">hh:mm</div>');
      break;
    default:
      parts.push('<div class="answer short"></div>');
  }
  parts.push('</div>');
  return parts.join('\n');
}

/** The branching at a glance: every choice that sends the respondent somewhere, by section. */
function branchingSummary(pages: Page[]): string {
  const rows: string[] = [];
  for (const page of pages) {
    for (const item of page.items) {
      for (const c of item.choices) {
        if (!c.navigation) continue;
        rows.push(
          `<tr><td><a href="#${anchor(page)}">${escapeHtml(sectionLabel(page))}</a></td><td>${escapeHtml(item.title)}</td><td>${escapeHtml(c.value)}</td><td>${escapeHtml(navigationText(c.navigation, pages))}</td></tr>`,
        );
      }
    }
    rows.push(
      `<tr class="after"><td><a href="#${anchor(page)}">${escapeHtml(sectionLabel(page))}</a></td><td colspan="2"><em>at the end of the section, if no choice above decided</em></td><td>${escapeHtml(afterPage(page, pages))}</td></tr>`,
    );
  }
  return `<table class="branching"><thead><tr><th>Section</th><th>Question</th><th>Answer</th><th>Then</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>`;
}

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f0ebf8;margin:0;padding:24px;color:#202124}
main{max-width:760px;margin:0 auto}
.card{background:#fff;border-radius:8px;border:1px solid #dadce0;padding:20px 24px;margin:12px 0}
.form-head{border-top:10px solid #1f3864}
.section-head{background:#1f3864;color:#fff;border-radius:8px 8px 0 0;padding:8px 24px;margin-top:28px;font-weight:600}
.section-head + .card{margin-top:0;border-top-left-radius:0}
h1{font-size:28px;margin:0 0 12px}
h2{font-size:20px;margin:0 0 8px}
.help{color:#5f6368;font-size:14px;margin:4px 0 8px}
.title{font-size:16px;font-weight:500}
.required{color:#d93025}
.kind{font-size:12px;color:#1a73e8;margin:2px 0 8px}
.choices{list-style:none;padding:0;margin:0}
.choices li{padding:3px 0}
.mark{display:inline-block;width:1.3em;color:#5f6368}
.branch{color:#188038;font-size:13px;margin-left:8px}
.answer{border-bottom:1px dotted #80868b;color:#9aa0a6;font-size:13px;padding:4px 0}
.answer.long{height:48px}
.blank{display:inline-block;width:180px;border-bottom:1px dotted #80868b}
.after-section{font-size:13px;color:#188038;margin:8px 0 0}
.meta{font-size:13px;color:#5f6368}
table{border-collapse:collapse;font-size:13px;width:100%}
td,th{border:1px solid #dadce0;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#e8eaed}
tr.after td{background:#fafafa}
@media print{body{background:#fff}.card{break-inside:avoid}}
`;

export function renderFormPreview(form: FormState, publishedUrl: string | null): string {
  const pages = pagesOf(form);
  const settings = [
    form.emailCollection === 'VERIFIED'
      ? 'The respondent’s verified Google account email is recorded.'
      : form.emailCollection === 'RESPONDER_INPUT'
        ? 'Respondents type their email address.'
        : 'Email addresses are not collected.',
    form.requireLogin
      ? 'Only people signed in to the school’s Google Workspace can respond.'
      : form.emailCollection === 'VERIFIED'
        ? 'Respondents sign in to a Google account to respond (the form is not limited to the school’s domain).'
        : 'Anyone with the link can respond.',
    form.published ? 'Published and accepting responses.' : 'Not published.',
  ];
  const sections = pages.map((page) => {
    const head = page.breakItem
      ? `<div class="section-head" id="${anchor(page)}">${escapeHtml(sectionLabel(page))}</div><div class="card"><h2>${escapeHtml(page.breakItem.title)}</h2>${page.breakItem.helpText ? `<p class="help">${escapeHtmlMultiline(page.breakItem.helpText)}</p>` : ''}</div>`
      : `<div class="section-head" id="${anchor(page)}">Section 1</div>`;
    const items = page.items.map((item) => `<div class="card">${renderItem(item, pages)}</div>`);
    const after = `<p class="after-section">After ${escapeHtml(sectionLabel(page))}: ${escapeHtml(afterPage(page, pages))}.</p>`;
    return [head, ...items, after].join('\n');
  });
  return [
    '<!DOCTYPE html>',
    '<html lang="en-GB"><head><meta charset="utf-8">',
    `<title>${escapeHtml(form.title)} — form preview</title>`,
    `<style>${STYLE}</style></head><body><main>`,
    `<div class="card form-head"><h1>${escapeHtml(form.title)}</h1>`,
    form.description ? `<p class="help">${escapeHtmlMultiline(form.description)}</p>` : '',
    `<p class="meta">${settings.map(escapeHtml).join('<br>')}</p>`,
    `<p class="meta">Preview made offline by the demo. ${publishedUrl ? `Live form: ${escapeHtml(publishedUrl)}` : ''}</p>`,
    '<p class="meta"><span class="required">*</span> Required</p></div>',
    `<div class="card"><h2>Sections and branching</h2>${branchingSummary(pages)}</div>`,
    ...sections,
    form.confirmationMessage
      ? `<div class="section-head">After submitting, the respondent sees</div><div class="card"><p>${escapeHtmlMultiline(form.confirmationMessage)}</p></div>`
      : '',
    '</main></body></html>',
    '',
  ].join('\n');
}
