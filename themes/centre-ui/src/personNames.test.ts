import { describe, expect, it } from "vitest";
import { idsToAsk, personLabel } from "./personNames";

describe("personLabel", () => {
  it("names a person by name and username", () => {
    expect(personLabel({ username: "ada", firstName: "Ada", lastName: "Tester" })).toBe("Ada Tester (ada)");
  });
  it("keeps the username alone for an account without a name", () => {
    expect(personLabel({ username: "svc", firstName: "", lastName: " " })).toBe("svc");
  });
  it("takes Chinese names as they are", () => {
    expect(personLabel({ username: "liming", firstName: "明", lastName: "李" })).toBe("明 李 (liming)");
  });
});

describe("idsToAsk", () => {
  it("asks about each id once, in a fixed order, without empty ones", () => {
    expect(idsToAsk(["b", null, "a", "", undefined, "b", "  "])).toEqual(["a", "b"]);
  });
});
