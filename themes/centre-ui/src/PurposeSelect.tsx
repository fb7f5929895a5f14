import {
  Button,
  Chip,
  ChipGroup,
  MenuToggle,
  type MenuToggleElement,
  Select,
  SelectList,
  SelectOption,
  TextInputGroup,
  TextInputGroupMain,
  TextInputGroupUtilities,
} from "@patternfly/react-core";
import { TimesIcon } from "@patternfly/react-icons";
import { type KeyboardEvent, type Ref, useRef, useState } from "react";
import { type Key, useT } from "./i18n";
import { toggled } from "./purposesByRole";

/** The texts of a select that change with what it chooses. */
export type SelectWords = { menu: Key; choose: Key; clear: Key; none: Key };

const PURPOSE_WORDS: SelectWords = {
  menu: "purposesMenu",
  choose: "choosePurposes",
  clear: "clearPurposes",
  none: "noPurposeMatches",
};

/**
 * A multiple select of purposes with its choices as chips, typeahead as the admin console's multi selects are: type
 * to filter, arrow keys and Enter to choose or unchoose, Escape to close, a chip's close button or the clear button
 * to take purposes out. Offers {@code options}; a chosen purpose that is not among them stays shown as a chip, so that
 * it can be taken out.
 */
export const PurposeSelect = ({
  id,
  label,
  options,
  chosen,
  onChange,
  invalid,
  stray,
  words = PURPOSE_WORDS,
}: {
  /** The input's id, for the form label and the browser tests; the options get ids below it. */
  id: string;
  /** The accessible name of the input. */
  label: string;
  options: string[];
  chosen: string[];
  onChange: (chosen: string[]) => void;
  /** Marks the field as refused (a 422 named it). */
  invalid?: boolean;
  /** Chosen purposes to mark as not among the options. */
  stray?: string[];
  /** Other words for a select of something else than purposes (units, scopes): the texts' keys. */
  words?: SelectWords;
}) => {
  const { t } = useT();
  const [isOpen, setIsOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const [focused, setFocused] = useState<number>();
  const input = useRef<HTMLInputElement>(null);
  const listId = `${id}-listbox`;
  const shown = [...new Set(options)].filter((o) => o.toLowerCase().includes(typed.trim().toLowerCase()));
  const optionId = (purpose: string) => `${id}-option-${purpose}`;

  const close = () => {
    setIsOpen(false);
    setFocused(undefined);
  };
  const choose = (purpose: string) => {
    onChange(toggled(chosen, purpose));
    setTyped("");
    setFocused(undefined);
    input.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      setIsOpen(true);
      if (shown.length === 0) {
        return;
      }
      const step = event.key === "ArrowDown" ? 1 : -1;
      setFocused(focused === undefined ? (step > 0 ? 0 : shown.length - 1) : (focused + step + shown.length) % shown.length);
    } else if (event.key === "Enter") {
      // Enter chooses the option in focus; it never submits the form from here.
      event.preventDefault();
      if (isOpen && focused !== undefined && shown[focused] !== undefined) {
        choose(shown[focused]);
      } else {
        setIsOpen(true);
      }
    }
  };

  const toggle = (toggleRef: Ref<MenuToggleElement>) => (
    <MenuToggle variant="typeahead" innerRef={toggleRef} onClick={() => { setIsOpen(!isOpen); input.current?.focus(); }}
      isExpanded={isOpen} isFullWidth status={invalid ? "danger" : undefined} aria-label={t(words.menu, { label })}
      data-testid={`${id}-toggle`}>
      <TextInputGroup isPlain>
        <TextInputGroupMain value={typed} inputId={id} innerRef={input} aria-label={label} autoComplete="off"
          role="combobox" isExpanded={isOpen} aria-controls={listId}
          {...(isOpen && focused !== undefined && shown[focused] !== undefined
            ? { "aria-activedescendant": optionId(shown[focused]) }
            : {})}
          placeholder={chosen.length === 0 ? t(words.choose) : undefined}
          onClick={() => setIsOpen(!isOpen)}
          onChange={(_e, value) => {
            setTyped(value);
            setFocused(undefined);
            setIsOpen(true);
          }}
          onKeyDown={onKeyDown}>
          <ChipGroup aria-label={t("chosenPurposes", { label })} numChips={12}
            expandedText={t("chipsLess")} collapsedText={t("chipsMore", { remaining: "${remaining}" })}>
            {chosen.map((purpose) => (
              <Chip key={purpose} closeBtnAriaLabel={t("removePurpose")}
                className={stray?.includes(purpose) ? "centre-chip-stray" : undefined}
                data-testid={`${id}-chip-${purpose}`}
                onClick={(event) => {
                  event.stopPropagation();
                  choose(purpose);
                }}>
                {purpose}
              </Chip>
            ))}
          </ChipGroup>
        </TextInputGroupMain>
        {chosen.length > 0 && (
          <TextInputGroupUtilities>
            <Button variant="plain" aria-label={t(words.clear, { label })} data-testid={`${id}-clear`}
              onClick={(event) => {
                event.stopPropagation();
                setTyped("");
                onChange([]);
                input.current?.focus();
              }}>
              <TimesIcon aria-hidden />
            </Button>
          </TextInputGroupUtilities>
        )}
      </TextInputGroup>
    </MenuToggle>
  );

  return (
    <Select id={`${id}-select`} variant="typeahead" isOpen={isOpen} selected={chosen} toggle={toggle}
      onSelect={(_e, value) => {
        if (typeof value === "string" && options.includes(value)) {
          choose(value);
        }
      }}
      onOpenChange={(open) => !open && close()}>
      <SelectList id={listId} isAriaMultiselectable aria-label={label}>
        {shown.length === 0 && (
          <SelectOption isAriaDisabled value="">{t(words.none)}</SelectOption>
        )}
        {shown.map((purpose, index) => (
          <SelectOption key={purpose} id={optionId(purpose)} value={purpose} hasCheckbox
            isSelected={chosen.includes(purpose)} isFocused={focused === index} data-testid={optionId(purpose)}>
            {purpose}
          </SelectOption>
        ))}
      </SelectList>
    </Select>
  );
};
