// Messages of the followUp pages (owned by whoever builds them; one file per area keeps merges apart).
export default {
  intro: '',
};
