import { ElMessage } from 'element-plus';
import 'element-plus/es/components/message/style/css';
import { describeError } from '../api/errors';
import { t } from '../i18n';

/** Shows an error as a message bar in the person's language (never a stack, never a blank page). */
export function showError(error: unknown): void {
  ElMessage({ type: 'error', message: describeError(error, t), showClose: true, duration: 5000 });
}

export function showSuccess(message: string): void {
  ElMessage({ type: 'success', message, duration: 2500 });
}

export function showWarning(message: string): void {
  ElMessage({ type: 'warning', message, showClose: true, duration: 5000 });
}
