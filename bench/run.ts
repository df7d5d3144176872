/** `npm run bench`: every benchmark suite, printing its numbers. */
import { runFoundationBench } from './foundation';

console.log('== Foundation: storage and rooms (SQLite, synchronous=FULL) ==');
const foundation = await runFoundationBench();
console.table(Object.fromEntries(Object.entries(foundation).map(([k, v]) => [k, Number(v.toFixed(3))])));
