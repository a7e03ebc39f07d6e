import { ref } from 'vue';
import { ApiError, describeError, type Translate } from '../api/errors';

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

/**
 * A dialog form's state: each field's error, one error line and the saving flag, and `submit(run)`:
 * clears the errors, shows saving while `run` goes, and on failure puts a 400's field errors beside their
 * fields and the message in the person's language above the buttons. Answers whether `run` succeeded.
 */
export function useFormState(t: Translate) {
  const errors = ref<Record<string, string>>({});
  const formError = ref('');
  const saving = ref(false);
  async function submit(run: () => Promise<void>): Promise<boolean> {
    saving.value = true;
    errors.value = {};
    formError.value = '';
    try {
      await run();
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) errors.value = error.fields;
      formError.value = describeError(error, t);
      return false;
    } finally {
      saving.value = false;
    }
  }
  return { errors, formError, saving, submit };
}
