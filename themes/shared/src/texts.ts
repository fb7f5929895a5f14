import type { Language } from "./language";

/** The client's own texts: what the apps say when a call fails before the API could say anything itself. */
const en = {
  networkError: "The server could not be reached. Check your connection and try again.",
  notJson: "The server sent an answer this page cannot read ({status}). Try again later.",
  sessionEnded: "Your session has ended. Sign in again.",
  failed: "Something went wrong. Try again.",
  invalidDate: "Enter a real date (year, month, day).",
  status400: "Bad request",
  status401: "Not signed in",
  status403: "Refused",
  status404: "Not found",
  status405: "Not available",
  status409: "Conflict",
  status412: "Changed in the meantime",
  status413: "Too large",
  status422: "Invalid",
  status428: "Version missing",
  status500: "Server error",
  status503: "Unavailable",
  otherOperation: "Other action",
  otherReason: "Other reason",
  otherFinding: "Other finding",
  otherDecision: "Other decision",
  otherOutcome: "Other outcome",
};

export type ClientTextKey = keyof typeof en;

const zh: Record<ClientTextKey, string> = {
  networkError: "无法连接服务器。请检查网络连接后重试。",
  notJson: "服务器的回复无法读取（{status}）。请稍后重试。",
  sessionEnded: "登录已过期。请重新登录。",
  failed: "出现错误。请重试。",
  invalidDate: "请输入有效的日期（年、月、日）。",
  status400: "请求无效",
  status401: "未登录",
  status403: "拒绝访问",
  status404: "未找到",
  status405: "不可用",
  status409: "冲突",
  status412: "已被他人修改",
  status413: "内容过大",
  status422: "数据无效",
  status428: "缺少版本",
  status500: "服务器错误",
  status503: "暂不可用",
  otherOperation: "其他操作",
  otherReason: "其他原因",
  otherFinding: "其他发现",
  otherDecision: "其他决定",
  otherOutcome: "其他结果",
};

const TEXTS: Record<Language, Record<ClientTextKey, string>> = { en, "zh-CN": zh };

/** A client text in the language, with {name} placeholders filled in. */
export function clientText(language: Language, key: ClientTextKey, values: Record<string, string | number> = {}): string {
  return TEXTS[language][key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ""));
}

/** The short name of an HTTP status in the language, if the client has one. */
export function statusText(language: Language, status: number): string | undefined {
  const key = `status${status}`;
  return key in en ? TEXTS[language][key as ClientTextKey] : undefined;
}
