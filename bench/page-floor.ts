// The page-weight floor (bench/pages.ts): the least a live screen loads — Preact rendering one
// element and a Socket.IO client connecting to the hub. Built by the benchmark, never served.
import { h, render } from 'preact';
import { io } from 'socket.io-client';

render(h('p', null, 'دور'), document.body);
io({ transports: ['websocket'] });
