import { createHash } from 'node:crypto';
import { html, trusted, type SafeHtml } from './html';

/**
 * The contractor's time zone, on the forms of their links (issue 18 item 1). Two ways, both optional:
 * - a visible question (the UTC offset now, a plain select: works without JavaScript);
 * - a hidden field `tz` that the one script of the page fills with the browser's own IANA zone. The script is
 *   allowed by its hash in the page's CSP (security-headers.ts), nothing else runs, and it only fills a
 *   field: the page works the same without it, and a mail scanner that runs it changes nothing (GET acts on
 *   nothing; the value is sent only with the person's own POST).
 * The links function reads both (`tz`, `utcOffset`) with the request's address and languages.
 */
export const TIME_ZONE_SCRIPT = "try{var z=Intl.DateTimeFormat().resolvedOptions().timeZone;document.querySelectorAll('input[name=tz]').forEach(function(f){f.value=z||''})}catch(e){}";
export const TIME_ZONE_SCRIPT_HASH = `sha256-${createHash('sha256').update(TIME_ZONE_SCRIPT, 'utf8').digest('base64')}`;

/** Offsets in use somewhere in the world (UTC-12:00 to UTC+14:00, with the half and three-quarter hours). */
export const UTC_OFFSET_CHOICES: readonly string[] = [
  '-12:00',
  '-11:00',
  '-10:00',
  '-09:30',
  '-09:00',
  '-08:00',
  '-07:00',
  '-06:00',
  '-05:00',
  '-04:00',
  '-03:30',
  '-03:00',
  '-02:00',
  '-01:00',
  '+00:00',
  '+01:00',
  '+02:00',
  '+03:00',
  '+03:30',
  '+04:00',
  '+04:30',
  '+05:00',
  '+05:30',
  '+05:45',
  '+06:00',
  '+06:30',
  '+07:00',
  '+08:00',
  '+08:45',
  '+09:00',
  '+09:30',
  '+10:00',
  '+10:30',
  '+11:00',
  '+12:00',
  '+12:45',
  '+13:00',
  '+13:45',
  '+14:00',
];

export function timeZoneQuestion(values?: Readonly<Record<string, string>>): SafeHtml {
  const chosen = values?.utcOffset ?? '';
  return html`<fieldset>
<legend>Your local time <span class="muted">(optional)</span></legend>
<label for="utcOffset">Your time zone now, as an offset from UTC</label>
<select id="utcOffset" name="utcOffset">
<option value="">Prefer not to say</option>
${UTC_OFFSET_CHOICES.map((o) => html`<option value="${o}"${chosen === o ? html` selected` : ''}>UTC${o}</option>`)}
</select>
<input type="hidden" name="tz" value="">
<p class="muted">To protect you and us from identity fraud, we compare the time zone and languages your browser reports, and the network you connect from, with your application.</p>
</fieldset>
<script>${trusted(TIME_ZONE_SCRIPT)}</script>`;
}
