import { loadLists } from './shared/screening/load-lists.js';
const c = process.cpuUsage(); const t = performance.now();
await loadLists('/work/shared/data/sanctions');
const u = process.cpuUsage(c);
console.log('load wall', Math.round(performance.now() - t), 'cpu user+sys', Math.round((u.user + u.system) / 1000));
