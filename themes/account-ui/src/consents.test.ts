import { describe, expect, it } from "vitest";
import { consentStatus, decidedByOther, purposeText } from "./consents";

describe("consentStatus", () => {
  it("is GIVEN or WITHDRAWN as the server says, NONE for anything else", () => {
    expect(consentStatus({ purpose: "p", status: "GIVEN" })).toBe("GIVEN");
    expect(consentStatus({ purpose: "p", status: "WITHDRAWN" })).toBe("WITHDRAWN");
    expect(consentStatus({ purpose: "p", status: "NONE" })).toBe("NONE");
    expect(consentStatus({ purpose: "p", status: "given" })).toBe("NONE");
    expect(consentStatus({ purpose: "p" })).toBe("NONE");
  });
});

describe("purposeText", () => {
  it("takes the title in the language, then English, then the text, then the id", () => {
    const texts = { purpose: "photo-publication", title: { en: "Photos on the website", "zh-CN": "在网站上发布照片" } };
    expect(purposeText(texts, "zh-CN")).toBe("在网站上发布照片");
    expect(purposeText(texts, "en")).toBe("Photos on the website");
    expect(purposeText({ purpose: "p", title: { en: "Only English" } }, "zh-CN")).toBe("Only English");
    expect(purposeText({ purpose: "p", text: "A single text" }, "zh-CN")).toBe("A single text");
    expect(purposeText({ purpose: "p", texts: { en: "Photos", "zh-CN": "照片" } }, "zh-CN")).toBe("照片");
    expect(purposeText({ purpose: "research-statistics", title: { en: " " } }, "en")).toBe("research-statistics");
  });
});

describe("decidedByOther", () => {
  it("is true for the refusals of the age rule only", () => {
    expect(decidedByOther("https://student-records.example/problems/guardian-consent-required")).toBe(true);
    expect(decidedByOther("https://student-records.example/problems/student-consents-themselves")).toBe(true);
    expect(decidedByOther("https://student-records.example/problems/proxy-ended")).toBe(false);
    expect(decidedByOther("https://student-records.example/problems/forbidden")).toBe(false);
    expect(decidedByOther(undefined)).toBe(false);
  });
});
