// Messages of the admin pages (owned by whoever builds them; one file per area keeps merges apart).
export default {
  intro: '',
};
