import { z } from "zod";

export const MIN_PASSWORD_LENGTH = 12;

/** Passwords people choose first; a long one from this list is still a bad one. */
const COMMON_PASSWORDS = new Set(
  [
    "123456789012", "1234567890123", "12345678910", "123456123456", "111111111111", "000000000000",
    "qwertyuiopas", "qwerty123456", "qwertyuiop123", "asdfghjkl123", "1q2w3e4r5t6y", "1qaz2wsx3edc",
    "zaq12wsxcde3", "password1234", "password12345", "passw0rd1234", "contraseña123", "contrasena123",
    "contraseña1234", "contrasena1234", "micontraseña", "micontrasena1", "administrador", "administrador1",
    "admin1234567", "adminadmin12", "iloveyou1234", "teamo1234567", "bienvenido123", "bienvenido2023",
    "bienvenido2024", "bienvenido2025", "bienvenido2026", "santiago2023", "santiago2024", "santiago2025",
    "santiago2026", "chile1234567", "chilechile12", "gobierno2023", "gobierno2024", "gobierno2025",
    "gobierno2026", "goreregion12", "gobiernoregional", "demo-gore-2023", "primavera2024", "verano202424",
    "invierno2024", "letmein12345", "welcome12345", "football1234", "monkey123456", "dragon123456",
    "abcdefghijkl", "abc123456789", "abcd12345678", "aaaaaaaaaaaa", "princesa1234", "superman1234",
    "trustno11234", "sunshine1234", "shadow123456", "master123456", "1234qwerasdf", "qwer1234asdf",
  ].map((password) => password.toLowerCase()),
);

export function isCommonPassword(password: string): boolean {
  const lowered = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lowered)) return true;
  // A single repeated character, or a plain run of digits, is as guessable as the list.
  return /^(.)\1+$/.test(lowered) || /^\d+$/.test(lowered);
}

export const newPasswordSchema = z
  .string({ error: "es obligatoria" })
  .min(MIN_PASSWORD_LENGTH, `debe tener al menos ${MIN_PASSWORD_LENGTH} caracteres`)
  .max(200, "no puede superar 200 caracteres")
  .refine((password) => !isCommonPassword(password), "es demasiado común; elija otra");
