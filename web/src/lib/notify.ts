import { ElMessage } from 'element-plus';
import 'element-plus/es/components/message/style/css';
import { describeError } from '../api/errors';
import { t } from '../i18n';

/** Message bars appear just below the 56 px top bar (MainLayout), never over its language and account controls. */
const BELOW_TOP_BAR = 64;

/** Shows an error as a message bar in the person's language (never a stack, never a blank page). */
export function showError(error: unknown): void {
  ElMessage({ type: 'error', message: describeError(error, t), showClose: true, duration: 5000, grouping: true, offset: BELOW_TOP_BAR });
}

/** A short confirmation; the same one shown again while it is up is one bar (with a count), not a stack over the page. */
export function showSuccess(message: string): void {
  ElMessage({ type: 'success', message, duration: 2000, grouping: true, offset: BELOW_TOP_BAR });
}

export function showWarning(message: string): void {
  ElMessage({ type: 'warning', message, showClose: true, duration: 5000, offset: BELOW_TOP_BAR });
}
