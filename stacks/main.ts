import { synthesizeApp } from '../lib/app';

synthesizeApp();
