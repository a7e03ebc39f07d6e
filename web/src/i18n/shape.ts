/** The same keys as a zh-CN message file, any text: an English file `satisfies Shape<typeof zh>`. */
export type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
