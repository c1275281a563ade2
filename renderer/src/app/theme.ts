import { createTheme, type CSSVariablesResolver, Modal, NumberInput } from '@mantine/core';
import './focus.css';

/**
 * Colours chosen for contrast (WCAG AA, 4.5:1 for text, which axe-core checks in the e2e suite): filled controls use
 * a darker shade than Mantine's default 6, text on a filled colour is black or white by its luminance, and dimmed
 * text is a grey dark (or light) enough to read on the page.
 */
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 9, dark: 8 },
  autoContrast: true,
  luminanceThreshold: 0.18,
  defaultRadius: 'md',
  // keyboard users see where they are on every control, in light and dark mode alike
  focusRing: 'auto',
  components: {
    // a number out of range is sent as typed, so main's message ("must be at most 10") shows beside the field
    // instead of the value changing under the user's hands on blur
    NumberInput: NumberInput.extend({ defaultProps: { clampBehavior: 'none' } }),
    // the × in a dialog's corner is a button too: it needs a name for screen readers
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Dismiss dialog' } } }),
  },
});

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)', '--mantine-color-placeholder': 'var(--mantine-color-gray-7)' },
  dark: { '--mantine-color-dimmed': 'var(--mantine-color-dark-1)', '--mantine-color-placeholder': 'var(--mantine-color-dark-1)' },
});
