import { ref } from 'vue';
import { describeError, type Translate } from '../api/errors';

/**
 * A page's loading flag and its one error line, and `guarded(run)`: clears the error, shows loading
 * while `run` goes, and turns a failure into a message in the person's language.
 */
export function usePageState(t: Translate) {
  const loading = ref(false);
  const pageError = ref('');
  async function guarded(run: () => Promise<void>): Promise<void> {
    pageError.value = '';
    loading.value = true;
    try {
      await run();
    } catch (error) {
      pageError.value = describeError(error, t);
    } finally {
      loading.value = false;
    }
  }
  return { loading, pageError, guarded };
}
