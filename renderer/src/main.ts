import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { createClient } from './lib/client';

const target = document.getElementById('app');
if (!target) throw new Error('#app missing from index.html');

export default mount(App, { target, props: { client: createClient() } });
