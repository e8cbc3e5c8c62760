package dev.horae;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class HoraeApplication {
  public static void main(String[] args) {
    SpringApplication.run(HoraeApplication.class, args);
  }
}
